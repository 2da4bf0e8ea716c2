package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.HalfArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.LongArray;
import org.trm4j.api.Parallel;
import org.trm4j.api.Reduce;

/** {@code @Reduce} loops, LongArray arguments and work-group local Java arrays indexed with {@code []}. */
public final class ReductionAndLocalArrayKernels {
    private ReductionAndLocalArrayKernels() {}

    /** Work-group size the local-array kernels are launched with. */
    static final int GROUP = 64;

    public static void reduceSumFloat(FloatArray in, @Reduce FloatArray result) {
        for (@Parallel int i = 0; i < in.getSize(); i++) result.set(0, result.get(0) + in.get(i));
    }

    public static void reduceMaxInt(IntArray in, @Reduce IntArray result) {
        for (@Parallel int i = 0; i < in.getSize(); i++) result.set(0, Math.max(result.get(0), in.get(i)));
    }

    public static void reduceMinDouble(DoubleArray in, @Reduce DoubleArray result) {
        for (@Parallel int i = 0; i < in.getSize(); i++) result.set(0, Math.min(result.get(0), in.get(i)));
    }

    public static void reduceSumLong(LongArray in, @Reduce LongArray result) {
        for (@Parallel int i = 0; i < in.getSize(); i++) result.set(0, result.get(0) + in.get(i));
    }

    /** Product of an int array, with the loop bound a scalar. */
    public static void reduceProductInt(IntArray in, @Reduce IntArray result, int n) {
        for (@Parallel int i = 0; i < n; i++) result.set(0, result.get(0) * in.get(i));
    }

    /** LongArray in and out: 64-bit multiply, shift and xor. */
    public static void longArithmetic(LongArray a, LongArray b, LongArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) out.set(i, a.get(i) * 3L + ((b.get(i) >> 3) ^ a.get(i)));
    }

    /** Reverses each work-group's slice through a local float[] (allocateFloatLocalJavaArray). */
    public static void reverseInGroupFloat(KernelContext ctx, FloatArray in, FloatArray out) {
        float[] tile = ctx.allocateFloatLocalJavaArray(GROUP);
        int lid = ctx.localIdx, gid = ctx.globalIdx;
        tile[lid] = in.get(gid);
        ctx.localBarrier();
        out.set(gid, tile[GROUP - 1 - lid] + tile.length);
    }

    /** Tree sum per work-group in a local int[] and a local long[]; work-item 0 writes both. */
    public static void groupSumsIntLong(KernelContext ctx, IntArray in, IntArray intSums, LongArray longSums) {
        int[] ints = ctx.allocateIntLocalJavaArray(GROUP);
        long[] longs = ctx.allocateLongLocalJavaArray(GROUP);
        int lid = ctx.localIdx;
        ints[lid] = in.get(ctx.globalIdx);
        longs[lid] = (long) in.get(ctx.globalIdx) * 1_000_000L;
        ctx.localBarrier();
        for (int stride = GROUP / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                ints[lid] += ints[lid + stride];
                longs[lid] += longs[lid + stride];
            }
            ctx.localBarrier();
        }
        if (lid == 0) {
            intSums.set(ctx.groupIdx, ints[0]);
            longSums.set(ctx.groupIdx, longs[0]);
        }
    }

    /** A 16-bin histogram with 64-bit atomic counters; each count adds more than 32 bits hold. */
    public static void histogramLong(KernelContext ctx, IntArray in, LongArray bins) {
        int v = in.get(ctx.globalIdx);
        ctx.atomicAdd(bins, v & 15, 3_000_000_000L + v);
    }

    /** Half storage: narrow a float (rounded to nearest even), read it back widened, and scale. */
    public static void halfStorage(FloatArray in, HalfArray halves, FloatArray widened) {
        for (@Parallel int i = 0; i < in.getSize(); i++) {
            halves.setFloat(i, in.get(i) * 3f);
            widened.set(i, halves.getFloat(i) * 0.5f);
        }
    }

    /** A local double[] as a shifted copy within the group. */
    public static void shiftInGroupDouble(KernelContext ctx, DoubleArray in, DoubleArray out) {
        double[] tile = ctx.allocateDoubleLocalJavaArray(GROUP);
        int lid = ctx.localIdx;
        tile[lid] = in.get(ctx.globalIdx) * 0.5;
        ctx.localBarrier();
        out.set(ctx.globalIdx, tile[(lid + 1) % GROUP] - tile[lid]);
    }
}
