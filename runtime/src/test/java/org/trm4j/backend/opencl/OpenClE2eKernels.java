package org.trm4j.backend.opencl;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/** Plain Java kernels compiled through the whole pipeline (bytecode -> IR -> OpenCL C -> device). */
public final class OpenClE2eKernels {
    private OpenClE2eKernels() {}

    static final int GROUP = 64;

    public static void vectorAdd(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, a.get(i) + b.get(i));
    }

    /** c = a (rows x inner) * b (inner x cols), one work-item per output element. */
    public static void matmul(FloatArray a, FloatArray b, FloatArray c, int rows, int cols, int inner) {
        for (@Parallel int i = 0; i < rows; i++)
            for (@Parallel int j = 0; j < cols; j++) {
                float sum = 0f;
                for (int k = 0; k < inner; k++) sum += a.get(i * inner + k) * b.get(k * cols + j);
                c.set(i * cols + j, sum);
            }
    }

    /** Java edge cases in one kernel: NaN-aware max, saturating casts, MIN_VALUE / -1, masked shifts. */
    public static void javaSemantics(FloatArray x, IntArray k, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float v = x.get(i);
            int d = k.get(i);
            int r = (int) (v * 3e9f) ^ (Integer.MIN_VALUE / d) ^ (d << i) ^ (d >>> (i + 30));
            float m = Math.max(v, -v);
            r += Float.isNaN(m) ? 7 : (int) m;
            r += v < 0.5f ? 1 : 0; // false for NaN
            r += !(v >= 0.5f) ? 2 : 0; // true for NaN
            out.set(i, r + (int) (KernelMath.sigmoid(0f) * 2f));
        }
    }

    /** Each work-group sums its slice of {@code in} in local memory into out[group]. */
    public static void groupSum(KernelContext ctx, FloatArray in, FloatArray out) {
        FloatArray tile = ctx.allocateFloatLocalArray(GROUP);
        int lid = ctx.localIdx;
        tile.set(lid, in.get(ctx.globalIdx));
        ctx.localBarrier();
        for (int s = ctx.localGroupSizeX / 2; s > 0; s /= 2) {
            if (lid < s) tile.set(lid, tile.get(lid) + tile.get(lid + s));
            ctx.localBarrier();
        }
        if (lid == 0) out.set(ctx.groupIdx, tile.get(0));
    }

    /** counts[in[i] & 7]++ for every work-item i, atomically. */
    public static void histogram(KernelContext ctx, IntArray in, IntArray counts) {
        int i = ctx.globalIdx;
        if (i < in.getSize()) ctx.atomicAdd(counts, in.get(i) & 7, 1);
    }

    /** Not expressible in OpenCL: a grid-wide barrier. */
    public static void gridBarrier(KernelContext ctx, FloatArray a) {
        a.set(ctx.globalIdx, 1f);
        ctx.globalBarrier();
    }
}
