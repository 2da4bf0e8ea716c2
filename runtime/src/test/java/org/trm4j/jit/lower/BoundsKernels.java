package org.trm4j.jit.lower;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.Parallel;

/** Kernels with one out-of-range access each (a single bad index, so "the first violation" is deterministic). */
public final class BoundsKernels {
    private BoundsKernels() {}

    /** out[to[i]] = in[i] * 2: a scatter whose index array holds one bad index. */
    public static void scatter(FloatArray in, IntArray to, FloatArray out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) out.set(to.get(i), in.get(i) * 2f);
    }

    /** out[i] = in[from[i]]: a gather whose index array holds one negative index. */
    public static void gather(FloatArray in, IntArray from, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) out.set(i, in.get(from.get(i)));
    }

    /** Each work-item reads its right neighbour's slot of a local array of 8; the last item of a group reads slot 8. */
    public static void localNeighbour(KernelContext ctx, IntArray out) {
        IntArray shared = ctx.allocateIntLocalArray(8);
        shared.set(ctx.localIdx, ctx.globalIdx);
        ctx.localBarrier();
        out.set(ctx.globalIdx, shared.get(ctx.localIdx + 1));
    }

    /** An atomic counter per bucket; one key is past the last bucket. */
    public static void histogram(KernelContext ctx, IntArray keys, IntArray buckets) {
        ctx.atomicAdd(buckets, keys.get(ctx.globalIdx), 1);
    }

    /** In range everywhere: checks must not change results. */
    public static void saxpy(FloatArray x, FloatArray y, float a) {
        for (@Parallel int i = 0; i < y.getSize(); i++) y.set(i, a * x.get(i) + y.get(i));
    }
}
