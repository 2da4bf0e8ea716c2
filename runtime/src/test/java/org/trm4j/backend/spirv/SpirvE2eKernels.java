package org.trm4j.backend.spirv;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/** Plain Java kernels run through the whole SPIR-V pipeline (bytecode -> IR -> SPIR-V -> device). */
public final class SpirvE2eKernels {
    private SpirvE2eKernels() {}

    static final int GROUP = 64;

    public static void vectorAdd(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, a.get(i) + b.get(i));
    }

    /** c = a (rows x inner) * b (inner x cols): two @Parallel dimensions and an inner sequential loop. */
    public static void matmul(FloatArray a, FloatArray b, FloatArray c, int rows, int cols, int inner) {
        for (@Parallel int i = 0; i < rows; i++)
            for (@Parallel int j = 0; j < cols; j++) {
                float sum = 0f;
                for (int k = 0; k < inner; k++) sum += a.get(i * inner + k) * b.get(k * cols + j);
                c.set(i * cols + j, sum);
            }
    }

    /** Each work-group sums its slice of {@code in} in local memory, with barriers, into out[group]. */
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

    /** counts[in[i] & 7]++ for every work-item i, atomically, returning values ignored and used. */
    public static void histogram(KernelContext ctx, IntArray in, IntArray counts, IntArray tickets) {
        int i = ctx.globalIdx;
        if (i < in.getSize()) {
            ctx.atomicAdd(counts, in.get(i) & 7, 1);
            int old = ctx.atomicAdd(tickets, 0, 2);
            if ((old & 1) != 0) tickets.set(1, -1); // never: every add is even
        }
    }

    /** Float maths, the results compared with Java within the OpenCL ulp limits and exactly for the exact ones. */
    public static void maths(FloatArray x, FloatArray y, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float a = x.get(i), b = y.get(i);
            int o = i * 16;
            out.set(o, KernelMath.exp(a));
            out.set(o + 1, KernelMath.log(a));
            out.set(o + 2, KernelMath.sqrt(a));
            out.set(o + 3, KernelMath.rsqrt(a));
            out.set(o + 4, KernelMath.tanh(a));
            out.set(o + 5, KernelMath.sin(a));
            out.set(o + 6, KernelMath.cos(a));
            out.set(o + 7, KernelMath.pow(a, b));
            out.set(o + 8, KernelMath.abs(b));
            out.set(o + 9, Math.min(a, b));
            out.set(o + 10, Math.max(a, b));
            out.set(o + 11, KernelMath.fma(a, b, a));
            out.set(o + 12, KernelMath.floor(b));
            out.set(o + 13, KernelMath.ceil(b));
            out.set(o + 14, KernelMath.atan2(a, b));
            out.set(o + 15, KernelMath.sigmoid(b));
        }
    }

    /** Integer and conversion edge cases: MIN_VALUE / -1, % by -1 and 0, masked shifts, saturating casts, bytes, longs, doubles. */
    public static void integers(IntArray p, IntArray q, DoubleArray d, ByteArray bytes, IntArray out) {
        for (@Parallel int i = 0; i < p.getSize(); i++) {
            int a = p.get(i), b = q.get(i);
            long l = (long) a * 3_000_000_000L + b;
            int o = i * 10;
            out.set(o, a / b);
            out.set(o + 1, a % b);
            out.set(o + 2, (a << b) ^ (a >> b) ^ (a >>> (b + 7)));
            out.set(o + 3, (int) (l / b) ^ (int) (l % b) ^ (int) (l >>> b) ^ (int) (l << (b + 1)));
            out.set(o + 4, (int) d.get(i));
            out.set(o + 5, (int) ((long) d.get(i) >>> 32) ^ (int) (long) d.get(i));
            out.set(o + 6, (int) (float) d.get(i));
            out.set(o + 7, bytes.get(i) * 1000 + (byte) (a + b));
            out.set(o + 8, Math.abs(a) ^ Math.min(a, b) ^ Math.max(a, b) ^ (int) Math.abs(l));
            out.set(o + 9, Double.isNaN(d.get(i)) ? 7 : (d.get(i) < 0.5 ? 1 : 2));
            bytes.set(i, (byte) (a ^ b));
        }
    }

    /** Division by zero: Java throws, a device cannot; both renderers give 0 (and must not trap on x86). */
    public static void divideByZero(IntArray p, IntArray q, IntArray out) {
        for (@Parallel int i = 0; i < p.getSize(); i++) {
            int a = p.get(i), b = q.get(i);
            long l = a;
            out.set(i * 4, a / b);
            out.set(i * 4 + 1, a % b);
            out.set(i * 4 + 2, (int) (l / b));
            out.set(i * 4 + 3, (int) (l % b));
        }
    }
}
