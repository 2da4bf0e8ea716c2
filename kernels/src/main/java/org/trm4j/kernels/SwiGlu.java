package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/**
 * The gated middle of SwiGLU: after gate_up_proj (n -> 2*inter) each row of {@code gu} is
 * [gate (inter) | up (inter)]; h = silu(gate) * up is [rows, inter] and feeds down_proj.
 * <pre>
 *   forward   s = sigmoid(g);  h = g * s * u
 *   backward  dg = dh * u * s * (1 + g * (1 - s));   du = dh * g * s
 * </pre>
 * The sigmoid uses float exp (transcendental tolerance between devices).
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>forward(gu, h, rows, inter)</td><td>gu [rows, 2*inter] -> h [rows, inter]</td></tr>
 * <tr><td>backward(gu, dh, dgu, rows, inter)</td><td>dgu [rows, 2*inter] overwritten ([dgate | dup])</td></tr>
 * </table>
 */
public final class SwiGlu {
    private SwiGlu() {}

    private static float sigmoid(float g) {
        return 1.0f / (1.0f + KernelMath.exp(-g));
    }

    /**
     * h[r, j] = silu(gu[r, j]) * gu[r, inter + j]. The unit-stride index j is the outer @Parallel loop, which
     * devices map to their first (fastest) grid dimension: neighbouring work-items touch neighbouring floats.
     */
    public static void forward(FloatArray gu, FloatArray h, int rows, int inter) {
        for (@Parallel int j = 0; j < inter; j++) {
            for (@Parallel int r = 0; r < rows; r++) {
                int gi = r * 2 * inter + j;
                float g = gu.get(gi);
                float u = gu.get(gi + inter);
                h.set(r * inter + j, g * sigmoid(g) * u);
            }
        }
    }

    /** dgu[r, j] = dh * u * s * (1 + g (1 - s)); dgu[r, inter + j] = dh * silu(g). */
    public static void backward(FloatArray gu, FloatArray dh, FloatArray dgu, int rows, int inter) {
        for (@Parallel int j = 0; j < inter; j++) {
            for (@Parallel int r = 0; r < rows; r++) {
                int gi = r * 2 * inter + j;
                float g = gu.get(gi);
                float u = gu.get(gi + inter);
                float s = sigmoid(g);
                float d = dh.get(r * inter + j);
                dgu.set(gi, d * u * s * (1.0f + g * (1.0f - s)));
                dgu.set(gi + inter, d * g * s);
            }
        }
    }
}
