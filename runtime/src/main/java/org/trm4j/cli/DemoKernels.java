package org.trm4j.cli;

import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/** The kernels `trm demo` runs: one loop-parallel, one KernelContext reduction with local memory. */
public final class DemoKernels {
    private DemoKernels() {}

    /** y = silu(alpha * x + y), elementwise: the shape of a fused bias+activation in TRM's MLP. */
    public static void axpySilu(float alpha, FloatArray x, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) {
            float v = alpha * x.get(i) + y.get(i);
            y.set(i, v * KernelMath.sigmoid(v));
        }
    }

    /** Sum of squares per work-group of 128, the first half of an RMSNorm. */
    public static void sumSquares(KernelContext ctx, FloatArray x, FloatArray partial) {
        FloatArray scratch = ctx.allocateFloatLocalArray(128);
        int l = ctx.localIdx;
        float v = x.get(ctx.globalIdx);
        scratch.set(l, v * v);
        for (int stride = 64; stride > 0; stride >>= 1) {
            ctx.localBarrier();
            if (l < stride) scratch.set(l, scratch.get(l) + scratch.get(l + stride));
        }
        if (l == 0) partial.set(ctx.groupIdx, scratch.get(0));
    }
}
