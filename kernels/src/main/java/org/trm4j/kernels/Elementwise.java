package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;

/**
 * Element-wise glue of the step graph: residual adds (and their backward, which is a copy or an
 * accumulate), copies, fills, scaling, and the position-row gather/scatter for the Q head.
 * <pre>
 *   add              out = a + b                      (residual / injection: backward = dOut to both)
 *   addInPlace       acc += x                         (gradient accumulation)
 *   add3             out = a + b + c                  (net(h, zH + x): h + (zH + x) in this order)
 *   copy, fill, scale
 *   gatherPosition   out[b, d] = x[b, pos, d]          (x [B, L, D] -> out [B, D]; q_head input = z_H[:, 0])
 *   scatterAddPosition dx[b, pos, d] += dOut[b, d]     (its backward)
 * </pre>
 * All @Parallel with bounds from the scalar {@code n} or the array sizes: no grid needed.
 */
public final class Elementwise {
    private Elementwise() {}

    /** out[i] = a[i] + b[i], i < n. */
    public static void add(FloatArray a, FloatArray b, FloatArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) out.set(i, a.get(i) + b.get(i));
    }

    /** out[i] = a[i] + (b[i] + c[i]), i < n (the rounding of h + (zH + x)). */
    public static void add3(FloatArray a, FloatArray b, FloatArray c, FloatArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) out.set(i, a.get(i) + (b.get(i) + c.get(i)));
    }

    /** acc[i] += x[i], i < n. */
    public static void addInPlace(FloatArray acc, FloatArray x, int n) {
        for (@Parallel int i = 0; i < n; i++) acc.set(i, acc.get(i) + x.get(i));
    }

    /** dst[i] = src[i], i < n. */
    public static void copy(FloatArray src, FloatArray dst, int n) {
        for (@Parallel int i = 0; i < n; i++) dst.set(i, src.get(i));
    }

    /** a[i] = value, i < n. */
    public static void fill(FloatArray a, float value, int n) {
        for (@Parallel int i = 0; i < n; i++) a.set(i, value);
    }

    /** out[i] = s * a[i], i < n (in place when out is a). */
    public static void scale(FloatArray a, FloatArray out, float s, int n) {
        for (@Parallel int i = 0; i < n; i++) out.set(i, s * a.get(i));
    }

    /** out[b, d] = x[b, pos, d]; x [batch, len, dim], out [batch, dim]. */
    public static void gatherPosition(FloatArray x, FloatArray out, int batch, int len, int dim, int pos) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int d = 0; d < dim; d++) out.set(b * dim + d, x.get((b * len + pos) * dim + d));
        }
    }

    /** dx[b, pos, d] += dOut[b, d] (backward of {@link #gatherPosition}). */
    public static void scatterAddPosition(FloatArray dOut, FloatArray dx, int batch, int len, int dim, int pos) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int d = 0; d < dim; d++) {
                int at = (b * len + pos) * dim + d;
                dx.set(at, dx.get(at) + dOut.get(b * dim + d));
            }
        }
    }
}
