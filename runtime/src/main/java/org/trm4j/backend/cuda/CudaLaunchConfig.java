package org.trm4j.backend.cuda;

import org.trm4j.runtime.LaunchGeometry;

import java.util.Arrays;

/**
 * A CUDA grid and block for a launch geometry. With a user local size it is the block and the grid
 * is global / local (LaunchGeometry has already made global a multiple). Without one:
 * <ul>
 *   <li>loop-parallel kernels (grid-stride loops: extra threads find no iteration) get the default
 *       block (256, 16x16 or 8x8x4, never more threads than the device allows) and
 *       grid = ceil(global / block);</li>
 *   <li>other kernels (KernelContext kernels assume exactly the global size) get, per dimension, the
 *       largest block size that divides the global size, so that no extra thread runs; except in x for a kernel
 *       padded by PaddedGrid (no barriers: extra threads return at once), which gets full blocks like a loop.</li>
 * </ul>
 *
 * @param grid  blocks per dimension (x, y, z)
 * @param block threads per block (x, y, z)
 */
public record CudaLaunchConfig(int[] grid, int[] block) {

    static final int[][] DEFAULT_BLOCKS = {{256, 1, 1}, {16, 16, 1}, {8, 8, 4}};
    /** gridDim limits: x up to 2^31-1, y and z up to 65535. */
    static final long[] MAX_GRID = {Integer.MAX_VALUE, 65535, 65535};

    public static CudaLaunchConfig of(LaunchGeometry g, boolean gridStride, int maxThreadsPerBlock) {
        return of(g, gridStride, false, maxThreadsPerBlock);
    }

    /**
     * @param paddedX the kernel returns early past its real global size in x (see PaddedGrid), so x may be rounded
     *                up to full blocks like a grid-stride loop's
     */
    public static CudaLaunchConfig of(LaunchGeometry g, boolean gridStride, boolean paddedX, int maxThreadsPerBlock) {
        long[] global = Arrays.copyOf(g.global(), 3);
        for (int d = g.dimensions(); d < 3; d++) global[d] = 1;
        long[] local = g.local();
        int[] block = new int[3];
        int[] grid = new int[3];
        int dims = g.dimensions();
        for (int d = 0; d < 3; d++) {
            long b;
            if (local != null) b = d < local.length ? local[d] : 1;
            else if (d >= dims) b = 1;
            else {
                int want = DEFAULT_BLOCKS[dims - 1][d];
                b = extraThreadsSafe(gridStride, paddedX, d) ? Math.min(want, global[d]) : largestDivisorAtMost(global[d], want);
            }
            block[d] = (int) b;
        }
        // Respect the device's threads-per-block limit when we chose the block (a user's block is the user's call).
        if (local == null) while ((long) block[0] * block[1] * block[2] > maxThreadsPerBlock) {
            int d = block[0] >= block[1] && block[0] >= block[2] ? 0 : block[1] >= block[2] ? 1 : 2;
            block[d] = extraThreadsSafe(gridStride, paddedX, d) ? block[d] / 2 : (int) largestDivisorAtMost(global[d], block[d] / 2);
        }
        for (int d = 0; d < 3; d++) {
            long blocks = (global[d] + block[d] - 1) / block[d];
            if (blocks > MAX_GRID[d]) {
                if (!gridStride) throw new IllegalArgumentException("global size " + global[d] + " in dimension " + d + " needs " + blocks
                        + " blocks of " + block[d] + ", more than CUDA's limit of " + MAX_GRID[d]);
                blocks = MAX_GRID[d]; // a grid-stride loop covers the rest
            }
            grid[d] = (int) blocks;
        }
        return new CudaLaunchConfig(grid, block);
    }

    private static boolean extraThreadsSafe(boolean gridStride, boolean paddedX, int d) { return gridStride || (paddedX && d == 0); }

    static long largestDivisorAtMost(long n, int limit) {
        for (long b = Math.min(n, Math.max(1, limit)); b > 1; b--) if (n % b == 0) return b;
        return 1;
    }

    @Override public String toString() { return "grid " + Arrays.toString(grid) + " x block " + Arrays.toString(block); }

    @Override public boolean equals(Object o) {
        return o instanceof CudaLaunchConfig c && Arrays.equals(grid, c.grid) && Arrays.equals(block, c.block);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(grid) + Arrays.hashCode(block); }
}
