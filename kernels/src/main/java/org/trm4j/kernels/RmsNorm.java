package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;

/**
 * RMSNorm without weight over the last axis of row-major [rows, n] data, and the transposes that run
 * it over the sequence axis (the MLP block's token-mixing norm).
 * <pre>
 *   forward   r_row = 1 / sqrt(mean_j(x_j^2) + eps)   (saved in rstd[row])
 *             y_j   = x_j * r_row
 *   backward  dx_j  = r * dy_j - r^3 * x_j * (1/n) sum_k dy_k x_k
 *                   = r * (dy_j - y_j * mean_k(dy_k y_k))
 *   transpose y[b, c, r] = x[b, r, c]   (x: [batch, R, C] -> y: [batch, C, R]);
 *             its backward is the transpose with R and C swapped (transposeBackward).
 * </pre>
 * Sums of squares and the backward dot run in double (rows are up to 512 or 916 long); r is computed
 * in double and rounded to float, so it is correctly rounded on every device.
 * Over the sequence axis of h [B, L, D]: transpose(h, t, B, L, D) -> rms forward(t, ..., rows = B*D,
 * n = L) -> transpose(t, h', B, D, L); backward: transposeBackward(dh', dt, B, L, D) (= transpose of
 * [B, L, D] into [B, D, L]), rms backward, transposeBackward(dt, dh, B, D, L).
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>forward(x, y, rstd, rows, n, eps)</td><td>x, y [rows, n]; rstd [rows]</td></tr>
 * <tr><td>backward(x, rstd, dy, dx, rows, n)</td><td>dx overwritten</td></tr>
 * <tr><td>transpose(x, y, batch, r, c)</td><td>x [batch, r, c] -> y [batch, c, r]</td></tr>
 * <tr><td>transposeBackward(dy, dx, batch, r, c)</td><td>dy [batch, c, r] -> dx [batch, r, c]</td></tr>
 * </table>
 */
public final class RmsNorm {
    private RmsNorm() {}

    /** y = x * rsqrt(mean(x^2) + eps) per row of n; rstd[row] keeps the factor for backward. */
    public static void forward(FloatArray x, FloatArray y, FloatArray rstd, int rows, int n, float eps) {
        for (@Parallel int row = 0; row < rows; row++) {
            int base = row * n;
            double ss = 0.0;
            for (int j = 0; j < n; j++) {
                double v = x.get(base + j);
                ss += v * v;
            }
            float r = (float) (1.0 / Math.sqrt(ss / n + eps));
            rstd.set(row, r);
            for (int j = 0; j < n; j++) y.set(base + j, x.get(base + j) * r);
        }
    }

    /** dx = r * dy - r^3 * x * mean(dy * x); dx is overwritten. */
    public static void backward(FloatArray x, FloatArray rstd, FloatArray dy, FloatArray dx, int rows, int n) {
        for (@Parallel int row = 0; row < rows; row++) {
            int base = row * n;
            double dot = 0.0;
            for (int j = 0; j < n; j++) dot += (double) dy.get(base + j) * x.get(base + j);
            double r = rstd.get(row);
            double c = r * r * r * dot / n;
            for (int j = 0; j < n; j++) dx.set(base + j, (float) (r * dy.get(base + j) - c * x.get(base + j)));
        }
    }

    /**
     * y[b, j, i] = x[b, i, j]: [batch, r, c] -> [batch, c, r]. Work-item (b, j) writes row j of y[b] in a unit-stride
     * loop and reads x[b] down column j, neighbouring work-items on neighbouring floats (3x faster on PoCL than one
     * work-item per element, coalesced reads on GPUs).
     */
    public static void transpose(FloatArray x, FloatArray y, int batch, int r, int c) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int j = 0; j < c; j++) {
                int yb = (b * c + j) * r;
                int xb = b * r * c + j;
                for (int i = 0; i < r; i++) y.set(yb + i, x.get(xb + i * c));
            }
        }
    }

    /** Backward of {@link #transpose}(x, y, batch, r, c): dx[b, i, j] = dy[b, j, i] (the transpose of [batch, c, r]). */
    public static void transposeBackward(FloatArray dy, FloatArray dx, int batch, int r, int c) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int i = 0; i < r; i++) {
                int xb = (b * r + i) * c;
                int yb = b * c * r + i;
                for (int j = 0; j < c; j++) dx.set(xb + j, dy.get(yb + j * r));
            }
        }
    }
}
