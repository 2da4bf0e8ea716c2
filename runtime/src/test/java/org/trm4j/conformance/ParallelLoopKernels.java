package org.trm4j.conformance;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/** Loop-parallel kernels: @Parallel in 1, 2 and 3 dimensions, bounds from getSize() or scalar parameters. */
public final class ParallelLoopKernels {
    private ParallelLoopKernels() {}

    /** The classic: c = a + b, bound by getSize(). */
    public static void vectorAdd(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) {
            c.set(i, a.get(i) + b.get(i));
        }
    }

    /** Bound by a scalar parameter smaller than the arrays: elements from n on must stay untouched. */
    public static void scaleFirstN(FloatArray a, FloatArray out, int n, float factor) {
        for (@Parallel int i = 0; i < n; i++) {
            out.set(i, a.get(i) * factor);
        }
    }

    /** A parallel loop that starts at 1 and stops before n - 1 (3-point stencil); the ends stay untouched. */
    public static void stencil1D(FloatArray a, FloatArray out, int n) {
        for (@Parallel int i = 1; i < n - 1; i++) {
            out.set(i, 0.25f * a.get(i - 1) + 0.5f * a.get(i) + 0.25f * a.get(i + 1));
        }
    }

    /** Two nested @Parallel loops (2-D): out is the transpose of a (rows x cols). */
    public static void transpose2D(FloatArray a, FloatArray out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            for (@Parallel int c = 0; c < cols; c++) {
                out.set(c * rows + r, a.get(r * cols + c));
            }
        }
    }

    /** 2-D @Parallel matmul with a serial k loop: c (n x m) = a (n x k) * b (k x m). */
    public static void matmul2D(FloatArray a, FloatArray b, FloatArray c, int n, int m, int k) {
        for (@Parallel int i = 0; i < n; i++) {
            for (@Parallel int j = 0; j < m; j++) {
                float sum = 0.0f;
                for (int p = 0; p < k; p++) {
                    sum += a.get(i * k + p) * b.get(p * m + j);
                }
                c.set(i * m + j, sum);
            }
        }
    }

    /** Three nested @Parallel loops (3-D): a 7-point stencil with clamped neighbours. */
    public static void stencil3D(FloatArray a, FloatArray out, int nx, int ny, int nz) {
        for (@Parallel int z = 0; z < nz; z++) {
            for (@Parallel int y = 0; y < ny; y++) {
                for (@Parallel int x = 0; x < nx; x++) {
                    int xm = x > 0 ? x - 1 : x;
                    int xp = x < nx - 1 ? x + 1 : x;
                    int ym = y > 0 ? y - 1 : y;
                    int yp = y < ny - 1 ? y + 1 : y;
                    int zm = z > 0 ? z - 1 : z;
                    int zp = z < nz - 1 ? z + 1 : z;
                    int plane = nx * ny;
                    float sum = a.get(z * plane + y * nx + xm) + a.get(z * plane + y * nx + xp)
                            + a.get(z * plane + ym * nx + x) + a.get(z * plane + yp * nx + x)
                            + a.get(zm * plane + y * nx + x) + a.get(zp * plane + y * nx + x);
                    out.set(z * plane + y * nx + x, sum - 6.0f * a.get(z * plane + y * nx + x));
                }
            }
        }
    }

    /** 3-D @Parallel loops writing an integer index code, to catch mixed-up dimensions exactly. */
    public static void indexCode3D(IntArray out, int nx, int ny, int nz) {
        for (@Parallel int x = 0; x < nx; x++) {
            for (@Parallel int y = 0; y < ny; y++) {
                for (@Parallel int z = 0; z < nz; z++) {
                    out.set((z * ny + y) * nx + x, x * 10000 + y * 100 + z);
                }
            }
        }
    }
}
