package org.trm4j.kernels;

import org.trm4j.api.WorkerGrid;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.api.WorkerGrid2D;

/**
 * Host-side launch grids for the KernelContext kernels of this package, built from the shapes, so a
 * task graph author does not have to guess them:
 * <pre>{@code
 * GridScheduler s = new GridScheduler()
 *     .addWorkerGrid("step.qkv", Grids.linearForward(rows, 3 * D));
 * }</pre>
 * Every other kernel in this package is a {@code @Parallel} kernel and needs no grid (the runtime
 * sizes it from its loop bounds).
 */
public final class Grids {
    private Grids() {}

    /** Rounds {@code n} up to a multiple of {@code m}. */
    public static long roundUp(long n, long m) {
        return (n + m - 1) / m * m;
    }

    /**
     * The grid of a tiled GEMM writing an output of x columns and y rows: one TILE x TILE (16 x 16)
     * work-group per BLOCK x BLOCK (64 x 64) block of the output, i.e. global
     * (ceil(x / 64) * 16, ceil(y / 64) * 16), local (16, 16).
     */
    public static WorkerGrid tiled2D(long x, long y) {
        long gx = roundUp(Math.max(1, x), Linear.BLOCK) / Linear.BLOCK * Linear.TILE;
        long gy = roundUp(Math.max(1, y), Linear.BLOCK) / Linear.BLOCK * Linear.TILE;
        WorkerGrid g = new WorkerGrid2D(gx, gy);
        g.setLocalWork(Linear.TILE, Linear.TILE, 1);
        return g;
    }

    /**
     * {@code n} work-items in work-groups of one: for the CPU-shaped kernels ({@link LinearPanel}), whose work-items each
     * do a tile, so every thread of a CPU device takes tiles as it gets free (left to itself PoCL makes as few
     * groups as it has threads, or one).
     */
    public static WorkerGrid singles(int n) {
        WorkerGrid g = new WorkerGrid1D(Math.max(1, n));
        g.setLocalWork(1, 1, 1);
        return g;
    }

    /** {@link Linear#forwardTiled}: x over {@code out}, y over {@code rows}. */
    public static WorkerGrid linearForward(int rows, int out) { return tiled2D(out, rows); }

    /** {@link Linear#backwardInputTiled}: x over {@code in}, y over {@code rows}. */
    public static WorkerGrid linearBackwardInput(int rows, int in) { return tiled2D(in, rows); }

    /** {@link Linear#backwardWeightTiled}: x over {@code in}, y over {@code out}. */
    public static WorkerGrid linearBackwardWeight(int out, int in) { return tiled2D(in, out); }
}
