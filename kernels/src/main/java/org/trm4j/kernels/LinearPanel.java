package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;

/**
 * The three products of {@link Linear} shaped for CPUs (the java backend, whose C2 vectorises them, and PoCL,
 * whose LLVM does): every work-item owns a panel of 4 output rows x {@code width} output columns and sweeps
 * the whole reduction, 4 reduction steps at a time, with a unit-stride innermost loop over the panel's columns.
 * The panel stays in L1 (4 x 256 floats = 4 KiB at most with the widths we try) and the operand panel it reads
 * (K x width) in L2 while consecutive work-items walk down the rows; each inner iteration does 16 multiplies and
 * 16 adds per 4 loads and 4 stores of the output, so it is bound by arithmetic, not by memory.
 *
 * <p>Same layouts and results as {@link Linear} (forward reads the weight transposed, {@code wT} [in, out],
 * made by {@link #transpose}): each output sums the reduction index in order 0, 1, 2... starting from 0 (or
 * from the output itself when accumulating), written as {@code ((c + a0*b0) + a1*b1) + ...}, so forward and
 * non-accumulating backwardInput agree bit for bit with the plain kernels, and the accumulating ones with
 * {@link Linear#backwardWeight} and accumulating {@link Linear#backwardInput}.
 *
 * <p>Launch: one @Parallel loop over {@code tiles} = {@link #tiles}(M, N, width) work-items (a plain int
 * argument, so the runtime launches exactly that many); tile t covers rows 4 (t mod ceil(M/4)) and columns
 * width (t div ceil(M/4)), so neighbouring work-items share the operand panel. Rows past a multiple of 4
 * are done one at a time by the last row tile.
 *
 * <p>The *Stripe kernels ({@link #stripes} work-items) give each work-item 16 rows ({@link #STRIPE_ROWS}) and walk
 * the reduction in chunks of {@link #K_CHUNK}, updating 8 rows per pass over a chunk of B: the K x width operand
 * panel, which no longer fits L2 at K = 1536 or 3072, is read from L1/L2 chunk by chunk instead of streamed from
 * L3 for every 4 rows. On PoCL (2 cores, AVX-512 machine, 256-bit code) they reach 225-250 GFLOP/s at the
 * Sudoku-MLP shapes, where the panels reached 130-215; same sums, bit for bit. Both families want
 * work-groups of one work-item ({@link LinearVariant#grid}).
 */
public final class LinearPanel {
    private LinearPanel() {}

    /** Output rows per work-item. */
    public static final int ROWS = 4;

    /** Work-items of a product writing an M x N output with panels {@code width} columns wide. */
    public static int tiles(int m, int n, int width) {
        if (width < 1) throw new IllegalArgumentException("panel width must be >= 1, got " + width);
        return (m + ROWS - 1) / ROWS * ((n + width - 1) / width);
    }

    /** wT[i, o] = w[o, i]: the [out, in] weight as [in, out], for {@link #forward}. One work-item per row of wT. */
    public static void transpose(FloatArray w, FloatArray wT, int in, int out) {
        for (@Parallel int i = 0; i < in; i++) {
            int t = i * out;
            for (int o = 0; o < out; o++) wT.set(t + o, w.get(o * in + i));
        }
    }

    /** y[r, o] = sum_i x[r, i] * wT[i, o]: C = y [rows, out], A = x, B = wT. */
    public static void forward(FloatArray x, FloatArray wT, FloatArray y, int rows, int in, int out, int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) panel(x, wT, y, t, rows, out, in, in, 1, out, width, 0, ROWS, in, -1);
    }

    /** dx[r, i] (+)= sum_o dy[r, o] * w[o, i]: C = dx [rows, in], A = dy, B = w. */
    public static void backwardInput(FloatArray dy, FloatArray w, FloatArray dx, int rows, int in, int out, int accumulate,
                                     int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) panel(dy, w, dx, t, rows, in, out, out, 1, in, width, accumulate, ROWS, out, -1);
    }

    /** dw[o, i] += sum_r dy[r, o] * x[r, i]: C = dw [out, in], A(o, r) = dy[r, o], B = x. */
    public static void backwardWeight(FloatArray dy, FloatArray x, FloatArray dw, int rows, int in, int out, int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) panel(dy, x, dw, t, out, in, rows, 1, out, in, width, 1, ROWS, rows, -1);
    }

    // ---------------------------------------------------------------- stripes: 16 rows, the reduction in chunks

    /** Output rows per work-item of the stripe kernels. */
    public static final int STRIPE_ROWS = 16;
    /** Reduction steps per chunk of the stripe kernels (a multiple of 4, so the sums group as in the panels). */
    public static final int K_CHUNK = 128;

    /** Work-items of a stripe kernel writing an M x N output with stripes {@code width} columns wide. */
    public static int stripes(int m, int n, int width) {
        if (width < 1) throw new IllegalArgumentException("stripe width must be >= 1, got " + width);
        return (m + STRIPE_ROWS - 1) / STRIPE_ROWS * ((n + width - 1) / width);
    }

    /** {@link #forward} with {@link #STRIPE_ROWS}-row stripes ({@code tiles} = {@link #stripes}(rows, out, width)). */
    public static void forwardStripe(FloatArray x, FloatArray wT, FloatArray y, int rows, int in, int out, int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) panel(x, wT, y, t, rows, out, in, in, 1, out, width, 0, STRIPE_ROWS, K_CHUNK, -1);
    }

    /**
     * {@link #forwardStripe} of a SwiGLU gate_up projection (out = 2 * inter: gate columns, then up columns) followed by
     * {@link SwiGlu#forward}, in one pass: tile t computes the gate columns n0..n0+width-1 and the up columns
     * inter+n0.. of its 16 rows, then h[r, j] = silu(gate) * up from them while they are still in cache (no second
     * pass over gu from memory, one launch less). {@code tiles} = {@link #stripes}(rows, inter, width); gu is written
     * as forwardStripe writes it and h as SwiGlu.forward does, bit for bit.
     */
    public static void forwardStripeSwiGlu(FloatArray x, FloatArray wT, FloatArray gu, FloatArray h, int rows, int in, int inter,
                                           int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) {
            int out = 2 * inter;
            int rowBlocks = (rows + STRIPE_ROWS - 1) / STRIPE_ROWS;
            panel(x, wT, gu, t, rows, out, in, in, 1, out, width, 0, STRIPE_ROWS, K_CHUNK, 0);     // gate columns n0..
            panel(x, wT, gu, t, rows, out, in, in, 1, out, width, 0, STRIPE_ROWS, K_CHUNK, inter); // up columns inter + n0..
            int m0 = t % rowBlocks * STRIPE_ROWS;
            int n0 = t / rowBlocks * width;
            int m1 = Math.min(rows, m0 + STRIPE_ROWS);
            int n1 = Math.min(inter, n0 + width);
            for (int r = m0; r < m1; r++) {
                int gb = r * out;
                int hb = r * inter;
                for (int j = n0; j < n1; j++) h.set(hb + j, SwiGlu.gated(gu.get(gb + j), gu.get(gb + inter + j)));
            }
        }
    }

    /** {@link #backwardInput} with stripes ({@code tiles} = {@link #stripes}(rows, in, width)). */
    public static void backwardInputStripe(FloatArray dy, FloatArray w, FloatArray dx, int rows, int in, int out, int accumulate,
                                           int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) panel(dy, w, dx, t, rows, in, out, out, 1, in, width, accumulate, STRIPE_ROWS, K_CHUNK, -1);
    }

    /** {@link #backwardWeight} with stripes ({@code tiles} = {@link #stripes}(out, in, width)). */
    public static void backwardWeightStripe(FloatArray dy, FloatArray x, FloatArray dw, int rows, int in, int out, int width, int tiles) {
        for (@Parallel int t = 0; t < tiles; t++) panel(dy, x, dw, t, out, in, rows, 1, out, in, width, 1, STRIPE_ROWS, K_CHUNK, -1);
    }

    // ---------------------------------------------------------------- shared body

    /**
     * Tile {@code tile} (rowsPerItem rows x width columns) of C[m, n] (+)= sum_k A(m, k) * B(k, n), C row-major
     * [M, N], A(m, k) = a[m*sam + k*sak], B(k, n) = b[k*sbk + n] (unit stride along n). The reduction runs in chunks
     * of kChunk steps (a multiple of 4, or k itself); each chunk updates the tile 8 rows at a time (then 4, then one), so
     * a stripe of 16 rows reads each kChunk x width block of B twice from L1/L2 instead of streaming the whole K x width
     * panel per 4 rows, and a narrow output (97 columns) pays the inner loop's set-up once per 8 rows (10% faster there
     * than 4). Every output still sums k in order
     * 0, 1, 2..., grouped in fours from 0 (chunks start at multiples of 4): the same expression whatever the tile.
     * {@code half} = -1: tiles over all n columns; else (a SwiGLU gate_up output, n = 2 * inter) the tile's columns are
     * shifted by {@code half} (0: gate, inter: up) and end at half + inter.
     */
    private static void panel(FloatArray a, FloatArray b, FloatArray c, int tile, int m, int n, int k,
                              int sam, int sak, int sbk, int width, int accumulate, int rowsPerItem, int kChunk, int half) {
        int rowBlocks = (m + rowsPerItem - 1) / rowsPerItem;
        int m0 = tile % rowBlocks * rowsPerItem;
        int n0 = tile / rowBlocks * width + (half < 0 ? 0 : half);
        int nEnd = half < 0 ? n : half + n / 2;
        int nc = Math.min(width, nEnd - n0);
        int m1 = Math.min(m, m0 + rowsPerItem);
        if (accumulate == 0) {
            for (int r = m0; r < m1; r++) {
                int c0 = r * n + n0;
                for (int j = 0; j < nc; j++) c.set(c0 + j, 0.0f);
            }
        }
        for (int k0 = 0; k0 < k; k0 += kChunk) {
            int k1 = Math.min(k, k0 + kChunk);
            int r = m0;
            for (; r + 7 < m1; r += 8) chunk8(a, b, c, r, n0, nc, n, k0, k1, sam, sak, sbk);
            for (; r + 3 < m1; r += 4) chunk4(a, b, c, r, n0, nc, n, k0, k1, sam, sak, sbk);
            for (; r < m1; r++) chunk1(a, b, c, r, n0, nc, n, k0, k1, sam, sak, sbk);
        }
    }

    /** Rows r..r+7, columns n0..n0+nc-1, reduction steps k0..k1-1 added to C (32 multiply-adds per 8 loads of C). */
    private static void chunk8(FloatArray a, FloatArray b, FloatArray c, int r, int n0, int nc, int n, int k0, int k1,
                               int sam, int sak, int sbk) {
        int c0 = r * n + n0, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n, c4 = c3 + n, c5 = c4 + n, c6 = c5 + n, c7 = c6 + n;
        int a0 = r * sam, a1 = a0 + sam, a2 = a1 + sam, a3 = a2 + sam, a4 = a3 + sam, a5 = a4 + sam, a6 = a5 + sam, a7 = a6 + sam;
        int kk = k0;
        for (; kk + 3 < k1; kk += 4) {
            int p = kk * sak, q = p + sak, s = q + sak, u = s + sak;
            float x00 = a.get(a0 + p), x01 = a.get(a0 + q), x02 = a.get(a0 + s), x03 = a.get(a0 + u);
            float x10 = a.get(a1 + p), x11 = a.get(a1 + q), x12 = a.get(a1 + s), x13 = a.get(a1 + u);
            float x20 = a.get(a2 + p), x21 = a.get(a2 + q), x22 = a.get(a2 + s), x23 = a.get(a2 + u);
            float x30 = a.get(a3 + p), x31 = a.get(a3 + q), x32 = a.get(a3 + s), x33 = a.get(a3 + u);
            float x40 = a.get(a4 + p), x41 = a.get(a4 + q), x42 = a.get(a4 + s), x43 = a.get(a4 + u);
            float x50 = a.get(a5 + p), x51 = a.get(a5 + q), x52 = a.get(a5 + s), x53 = a.get(a5 + u);
            float x60 = a.get(a6 + p), x61 = a.get(a6 + q), x62 = a.get(a6 + s), x63 = a.get(a6 + u);
            float x70 = a.get(a7 + p), x71 = a.get(a7 + q), x72 = a.get(a7 + s), x73 = a.get(a7 + u);
            int b0 = kk * sbk + n0, b1 = b0 + sbk, b2 = b1 + sbk, b3 = b2 + sbk;
            for (int j = 0; j < nc; j++) {
                float y0 = b.get(b0 + j), y1 = b.get(b1 + j), y2 = b.get(b2 + j), y3 = b.get(b3 + j);
                c.set(c0 + j, c.get(c0 + j) + x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3);
                c.set(c1 + j, c.get(c1 + j) + x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3);
                c.set(c2 + j, c.get(c2 + j) + x20 * y0 + x21 * y1 + x22 * y2 + x23 * y3);
                c.set(c3 + j, c.get(c3 + j) + x30 * y0 + x31 * y1 + x32 * y2 + x33 * y3);
                c.set(c4 + j, c.get(c4 + j) + x40 * y0 + x41 * y1 + x42 * y2 + x43 * y3);
                c.set(c5 + j, c.get(c5 + j) + x50 * y0 + x51 * y1 + x52 * y2 + x53 * y3);
                c.set(c6 + j, c.get(c6 + j) + x60 * y0 + x61 * y1 + x62 * y2 + x63 * y3);
                c.set(c7 + j, c.get(c7 + j) + x70 * y0 + x71 * y1 + x72 * y2 + x73 * y3);
            }
        }
        for (; kk < k1; kk++) {
            int p = kk * sak;
            float x0 = a.get(a0 + p), x1 = a.get(a1 + p), x2 = a.get(a2 + p), x3 = a.get(a3 + p);
            float x4 = a.get(a4 + p), x5 = a.get(a5 + p), x6 = a.get(a6 + p), x7 = a.get(a7 + p);
            int b0 = kk * sbk + n0;
            for (int j = 0; j < nc; j++) {
                float y0 = b.get(b0 + j);
                c.set(c0 + j, c.get(c0 + j) + x0 * y0);
                c.set(c1 + j, c.get(c1 + j) + x1 * y0);
                c.set(c2 + j, c.get(c2 + j) + x2 * y0);
                c.set(c3 + j, c.get(c3 + j) + x3 * y0);
                c.set(c4 + j, c.get(c4 + j) + x4 * y0);
                c.set(c5 + j, c.get(c5 + j) + x5 * y0);
                c.set(c6 + j, c.get(c6 + j) + x6 * y0);
                c.set(c7 + j, c.get(c7 + j) + x7 * y0);
            }
        }
    }

    /** Rows r..r+3, columns n0..n0+nc-1, reduction steps k0..k1-1 added to C. */
    private static void chunk4(FloatArray a, FloatArray b, FloatArray c, int r, int n0, int nc, int n, int k0, int k1,
                               int sam, int sak, int sbk) {
        int c0 = r * n + n0, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
        int a0 = r * sam, a1 = a0 + sam, a2 = a1 + sam, a3 = a2 + sam;
        int kk = k0;
        for (; kk + 3 < k1; kk += 4) {
            int p = kk * sak, q = p + sak, s = q + sak, u = s + sak;
            float x00 = a.get(a0 + p), x01 = a.get(a0 + q), x02 = a.get(a0 + s), x03 = a.get(a0 + u);
            float x10 = a.get(a1 + p), x11 = a.get(a1 + q), x12 = a.get(a1 + s), x13 = a.get(a1 + u);
            float x20 = a.get(a2 + p), x21 = a.get(a2 + q), x22 = a.get(a2 + s), x23 = a.get(a2 + u);
            float x30 = a.get(a3 + p), x31 = a.get(a3 + q), x32 = a.get(a3 + s), x33 = a.get(a3 + u);
            int b0 = kk * sbk + n0, b1 = b0 + sbk, b2 = b1 + sbk, b3 = b2 + sbk;
            for (int j = 0; j < nc; j++) {
                float y0 = b.get(b0 + j), y1 = b.get(b1 + j), y2 = b.get(b2 + j), y3 = b.get(b3 + j);
                c.set(c0 + j, c.get(c0 + j) + x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3);
                c.set(c1 + j, c.get(c1 + j) + x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3);
                c.set(c2 + j, c.get(c2 + j) + x20 * y0 + x21 * y1 + x22 * y2 + x23 * y3);
                c.set(c3 + j, c.get(c3 + j) + x30 * y0 + x31 * y1 + x32 * y2 + x33 * y3);
            }
        }
        for (; kk < k1; kk++) {
            int p = kk * sak;
            float x0 = a.get(a0 + p), x1 = a.get(a1 + p), x2 = a.get(a2 + p), x3 = a.get(a3 + p);
            int b0 = kk * sbk + n0;
            for (int j = 0; j < nc; j++) {
                float y0 = b.get(b0 + j);
                c.set(c0 + j, c.get(c0 + j) + x0 * y0);
                c.set(c1 + j, c.get(c1 + j) + x1 * y0);
                c.set(c2 + j, c.get(c2 + j) + x2 * y0);
                c.set(c3 + j, c.get(c3 + j) + x3 * y0);
            }
        }
    }

    /** Row r, columns n0..n0+nc-1, reduction steps k0..k1-1 added to C. */
    private static void chunk1(FloatArray a, FloatArray b, FloatArray c, int r, int n0, int nc, int n, int k0, int k1,
                               int sam, int sak, int sbk) {
        int c0 = r * n + n0;
        int a0 = r * sam;
        for (int kk = k0; kk < k1; kk++) {
            float x0 = a.get(a0 + kk * sak);
            int b0 = kk * sbk + n0;
            for (int j = 0; j < nc; j++) c.set(c0 + j, c.get(c0 + j) + x0 * b.get(b0 + j));
        }
    }
}
