package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;

/** KernelContext kernels: explicit ids in 1-3 dimensions, local memory and barriers, atomics. */
public final class ContextKernels {
    private ContextKernels() {}

    /** Work-group edge of the tiled matmul. */
    static final int TILE = 16;
    /** Work-group size the 1-D local-memory kernels are launched with. */
    static final int GROUP = 128;

    /** Global id and global size in 1-D. */
    public static void globalIds1D(KernelContext ctx, IntArray out) {
        int gid = ctx.globalIdx;
        out.set(gid, gid * 7 - ctx.globalGroupSizeX);
    }

    /** Local id, group id, local size and global size in 1-D. Output: 4 per work-item. */
    public static void localAndGroupIds1D(KernelContext ctx, IntArray out) {
        int gid = ctx.globalIdx;
        out.set(4 * gid, ctx.localIdx);
        out.set(4 * gid + 1, ctx.groupIdx);
        out.set(4 * gid + 2, ctx.localGroupSizeX);
        out.set(4 * gid + 3, ctx.globalGroupSizeX);
    }

    /** All ids of a 2-D grid, x fastest. Output: 4 per work-item. */
    public static void ids2D(KernelContext ctx, IntArray out) {
        int x = ctx.globalIdx;
        int y = ctx.globalIdy;
        int at = 4 * (y * ctx.globalGroupSizeX + x);
        out.set(at, x + 1000 * y);
        out.set(at + 1, ctx.localIdx + 1000 * ctx.localIdy);
        out.set(at + 2, ctx.groupIdx + 1000 * ctx.groupIdy);
        out.set(at + 3, ctx.localGroupSizeX + 1000 * ctx.localGroupSizeY + 1000000 * ctx.globalGroupSizeY);
    }

    /** All ids of a 3-D grid, x fastest. Output: 4 per work-item. */
    public static void ids3D(KernelContext ctx, IntArray out) {
        int x = ctx.globalIdx;
        int y = ctx.globalIdy;
        int z = ctx.globalIdz;
        int at = 4 * ((z * ctx.globalGroupSizeY + y) * ctx.globalGroupSizeX + x);
        out.set(at, x + 100 * y + 10000 * z);
        out.set(at + 1, ctx.localIdx + 100 * ctx.localIdy + 10000 * ctx.localIdz);
        out.set(at + 2, ctx.groupIdx + 100 * ctx.groupIdy + 10000 * ctx.groupIdz);
        out.set(at + 3, ctx.localGroupSizeX + 100 * ctx.localGroupSizeY + 10000 * ctx.localGroupSizeZ);
    }

    /** Early exit: the grid is rounded up past n; work-items beyond n must return before touching memory. */
    public static void guardedScale(KernelContext ctx, FloatArray a, FloatArray out, int n) {
        int gid = ctx.globalIdx;
        if (gid >= n) return;
        float v = a.get(gid);
        if (v < 0) {
            out.set(gid, -1.0f);
            return;
        }
        out.set(gid, v * 3.0f);
    }

    /** A grid-stride loop: fewer work-items than elements. */
    public static void gridStrideSquare(KernelContext ctx, FloatArray a, FloatArray out) {
        for (int i = ctx.globalIdx; i < a.getSize(); i += ctx.globalGroupSizeX) {
            out.set(i, a.get(i) * a.get(i));
        }
    }

    /** 2-D transpose by global ids: out (cols x rows) = a^T, with a bounds check on both axes. */
    public static void transposeByIds(KernelContext ctx, FloatArray a, FloatArray out, int rows, int cols) {
        int c = ctx.globalIdx;
        int r = ctx.globalIdy;
        if (r < rows && c < cols) {
            out.set(c * rows + r, a.get(r * cols + c));
        }
    }

    /** Neighbour exchange through local memory: each item reads the value its right neighbour wrote. */
    public static void rotateInGroup(KernelContext ctx, IntArray in, IntArray out) {
        IntArray shared = ctx.allocateIntLocalArray(GROUP);
        int lid = ctx.localIdx;
        shared.set(lid, in.get(ctx.globalIdx));
        ctx.localBarrier();
        out.set(ctx.globalIdx, shared.get((lid + 1) % ctx.localGroupSizeX));
    }

    /** Tree sum in local memory with a barrier per level; one partial sum per work-group. */
    public static void localTreeSum(KernelContext ctx, FloatArray in, FloatArray groupSums) {
        FloatArray scratch = ctx.allocateFloatLocalArray(GROUP);
        int lid = ctx.localIdx;
        scratch.set(lid, in.get(ctx.globalIdx));
        ctx.localBarrier();
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                scratch.set(lid, scratch.get(lid) + scratch.get(lid + stride));
            }
            ctx.localBarrier();
        }
        if (lid == 0) groupSums.set(ctx.groupIdx, scratch.get(0));
    }

    /** Tree max of ints in local memory. */
    public static void localTreeMaxInt(KernelContext ctx, IntArray in, IntArray groupMax) {
        IntArray scratch = ctx.allocateIntLocalArray(GROUP);
        int lid = ctx.localIdx;
        scratch.set(lid, in.get(ctx.globalIdx));
        ctx.localBarrier();
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride >>= 1) {
            if (lid < stride) {
                scratch.set(lid, Math.max(scratch.get(lid), scratch.get(lid + stride)));
            }
            ctx.localBarrier();
        }
        if (lid == 0) groupMax.set(ctx.groupIdx, scratch.get(0));
    }

    /** Tree sum of doubles in local memory. */
    public static void localTreeSumDouble(KernelContext ctx, DoubleArray in, DoubleArray groupSums) {
        DoubleArray scratch = ctx.allocateDoubleLocalArray(GROUP);
        int lid = ctx.localIdx;
        scratch.set(lid, in.get(ctx.globalIdx));
        ctx.localBarrier();
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            if (lid < stride) {
                scratch.set(lid, scratch.get(lid) + scratch.get(lid + stride));
            }
            ctx.localBarrier();
        }
        if (lid == 0) groupSums.set(ctx.groupIdx, scratch.get(0));
    }

    /** Tiled matmul c = a * b (n x n, n a multiple of TILE) with two TILE x TILE tiles in local memory. */
    public static void tiledMatmul(KernelContext ctx, FloatArray a, FloatArray b, FloatArray c, int n) {
        FloatArray tileA = ctx.allocateFloatLocalArray(TILE * TILE);
        FloatArray tileB = ctx.allocateFloatLocalArray(TILE * TILE);
        int col = ctx.globalIdx;
        int row = ctx.globalIdy;
        int lx = ctx.localIdx;
        int ly = ctx.localIdy;
        float sum = 0.0f;
        for (int t = 0; t < n / TILE; t++) {
            tileA.set(ly * TILE + lx, a.get(row * n + t * TILE + lx));
            tileB.set(ly * TILE + lx, b.get((t * TILE + ly) * n + col));
            ctx.localBarrier();
            for (int k = 0; k < TILE; k++) {
                sum += tileA.get(ly * TILE + k) * tileB.get(k * TILE + lx);
            }
            ctx.localBarrier();
        }
        c.set(row * n + col, sum);
    }

    /** Histogram with atomicAdd; the bins start at zero (integer sums do not depend on the order). */
    public static void atomicHistogram(KernelContext ctx, IntArray data, IntArray bins) {
        int gid = ctx.globalIdx;
        int nBins = bins.getSize();
        int bin = data.get(gid) % nBins;
        if (bin < 0) bin += nBins;
        ctx.atomicAdd(bins, bin, 1);
    }
}
