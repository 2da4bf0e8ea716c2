package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.Parallel;

/**
 * Linear layers (PyTorch {@code F.linear}), forward and backward, in two flavours: plain {@code @Parallel}
 * loops (any device; the java backend's fast path) and local-memory tiles ({@link KernelContext}, for
 * devices: 16 x 16 work-groups, each computing a 64 x 64 block of the output, 4 x 4 per work-item,
 * k staged 16 at a time). Both flavours sum over the reduction index in the same order (0, 1, 2, ...), in
 * float, so they agree to rounding (bit for bit for forward and for non-accumulating backwardInput; the
 * accumulating plain kernels add each term to the output in turn, the tiled ones add the finished sum).
 *
 * <p>Layouts: {@code x} is [rows, in] row-major (rows = B*L for activations [B, L, D]); the weight
 * {@code w} is PyTorch's [out, in] row-major; {@code y} is [rows, out]; {@code bias} is [out].
 * <pre>
 *   forward         y[r, o]  = sum_i x[r, i] * w[o, i]  (+ bias[o])
 *   backwardInput   dx[r, i] = sum_o dy[r, o] * w[o, i]           (accumulate != 0: dx += ...)
 *   backwardWeight  dw[o, i] += sum_r dy[r, o] * x[r, i]           (always accumulates: the caller zeroes dw)
 *   backwardBias    db[o]    += sum_r dy[r, o]                     (always accumulates)
 * </pre>
 * Weight gradients accumulate because the same weights are applied many times per training step.
 *
 * <table>
 * <caption>Kernels and launch grids</caption>
 * <tr><th>kernel</th><th>grid</th></tr>
 * <tr><td>forward(x, w, y, rows, in, out)</td><td>@Parallel (ceil(rows/4), ceil(out/4)), a 4 x 4 block each: none needed</td></tr>
 * <tr><td>forwardBias(x, w, bias, y, rows, in, out)</td><td>@Parallel (rows, out)</td></tr>
 * <tr><td>backwardInput(dy, w, dx, rows, in, out, accumulate)</td><td>@Parallel (rows)</td></tr>
 * <tr><td>backwardInputRows4(dy, w, dx, rows, in, out, accumulate)</td><td>@Parallel (ceil(rows/4))</td></tr>
 * <tr><td>backwardWeight(dy, x, dw, rows, in, out)</td><td>@Parallel (out)</td></tr>
 * <tr><td>backwardBias(dy, db, rows, out)</td><td>@Parallel (out)</td></tr>
 * <tr><td>forwardBlocked(x, w, y, rows, in, out, blocks)</td><td>@Parallel (blocks = {@link #blocks}(rows, out)), a 4 x 4 block each</td></tr>
 * <tr><td>backwardInputBlocked(dy, w, dx, rows, in, out, accumulate, blocks)</td><td>@Parallel ({@link #blocks}(rows, in))</td></tr>
 * <tr><td>backwardWeightBlocked(dy, x, dw, rows, in, out, blocks)</td><td>@Parallel ({@link #blocks}(out, in))</td></tr>
 * <tr><td>forwardTiled(ctx, x, w, y, rows, in, out)</td>
 *     <td>2-D, global (ceil(out/64)*16, ceil(rows/64)*16), local (16,16): {@link Grids#linearForward}</td></tr>
 * <tr><td>backwardInputTiled(ctx, dy, w, dx, rows, in, out, accumulate)</td>
 *     <td>2-D, global (ceil(in/64)*16, ceil(rows/64)*16), local (16,16): {@link Grids#linearBackwardInput}</td></tr>
 * <tr><td>backwardWeightTiled(ctx, dy, x, dw, rows, in, out)</td>
 *     <td>2-D, global (ceil(in/64)*16, ceil(out/64)*16), local (16,16): {@link Grids#linearBackwardWeight}</td></tr>
 * </table>
 * Tiled kernels handle any sizes (partial blocks are zero-padded in local memory); the grid must be
 * exactly the one {@link Grids} builds (local size 16 x 16). On the java backend the tiled kernels run with one
 * virtual thread per work-item (barriers) and are slow: use the @Parallel ones there. {@link LinearPanel} has the
 * CPU-shaped versions; {@link LinearVariant} lists them all and {@link LinearTuner} picks one per device and shape.
 */
public final class Linear {
    private Linear() {}

    /** Edge of the square work-group and local-memory tiles of the tiled kernels. */
    public static final int TILE = 16;
    /** Edge of the block of outputs one work-group of the tiled kernels computes (4 x 4 per work-item). */
    public static final int BLOCK = 4 * TILE;
    /** Row stride of the local blocks: BLOCK + 1, so that the k-fastest stores hit different banks. */
    private static final int LD = BLOCK + 1;

    // ---------------------------------------------------------------- plain @Parallel versions

    /** y[r, o] = sum_i x[r, i] * w[o, i]. One work-item per 4 x 4 block of y ({@link #block4x4}). */
    public static void forward(FloatArray x, FloatArray w, FloatArray y, int rows, int in, int out) {
        for (@Parallel int mb = 0; mb < (rows + 3) / 4; mb++)
            for (@Parallel int nb = 0; nb < (out + 3) / 4; nb++)
                block4x4(x, w, y, mb * 4, nb * 4, rows, out, in, in, 1, 1, in, 0);
    }

    /** y[r, o] = sum_i x[r, i] * w[o, i] + bias[o]. */
    public static void forwardBias(FloatArray x, FloatArray w, FloatArray bias, FloatArray y, int rows, int in, int out) {
        for (@Parallel int r = 0; r < rows; r++)
            for (@Parallel int o = 0; o < out; o++) y.set(r * out + o, dot(x, w, r, o, in) + bias.get(o));
    }

    /** sum_i x[r, i] * w[o, i] in float, i = 0, 1, 2... (inlined into forwardBias). */
    private static float dot(FloatArray x, FloatArray w, int r, int o, int in) {
        float sum = 0.0f;
        int xb = r * in;
        int wb = o * in;
        for (int i = 0; i < in; i++) sum += x.get(xb + i) * w.get(wb + i);
        return sum;
    }

    /**
     * dx[r, i] (+)= sum_o dy[r, o] * w[o, i]; accumulate != 0 adds to dx, else overwrites it.
     * One work-item per row, sweeping w row by row (unit stride innermost: fast on CPUs); each dx
     * element still sums o in order 0, 1, 2... (starting from dx itself when accumulating).
     * The java backend's choice; {@link #backwardInputRows4} is faster on PoCL.
     */
    public static void backwardInput(FloatArray dy, FloatArray w, FloatArray dx, int rows, int in, int out, int accumulate) {
        for (@Parallel int r = 0; r < rows; r++) {
            int xb = r * in;
            if (accumulate == 0) for (int i = 0; i < in; i++) dx.set(xb + i, 0.0f);
            for (int o = 0; o < out; o++) {
                float g = dy.get(r * out + o);
                int wb = o * in;
                for (int i = 0; i < in; i++) dx.set(xb + i, dx.get(xb + i) + g * w.get(wb + i));
            }
        }
    }

    /**
     * {@link #backwardInput} (same arguments, same result bit for bit: each dx element sums o in order
     * 0, 1, 2...) with one work-item per 4 rows, which updates the 4 dx rows from each w element loaded:
     * 4x less w traffic. The inner loop over i stays unit-stride, which PoCL vectorises. A last partial
     * block of rows (rows not a multiple of 4) is done one row at a time.
     */
    public static void backwardInputRows4(FloatArray dy, FloatArray w, FloatArray dx, int rows, int in, int out, int accumulate) {
        for (@Parallel int rb = 0; rb < (rows + 3) / 4; rb++) {
            int r0 = rb * 4;
            if (r0 + 3 < rows) {
                int x0 = r0 * in, x1 = x0 + in, x2 = x1 + in, x3 = x2 + in;
                if (accumulate == 0) for (int i = 0; i < 4 * in; i++) dx.set(x0 + i, 0.0f);
                for (int o = 0; o < out; o++) {
                    float g0 = dy.get(r0 * out + o), g1 = dy.get((r0 + 1) * out + o);
                    float g2 = dy.get((r0 + 2) * out + o), g3 = dy.get((r0 + 3) * out + o);
                    int wb = o * in;
                    for (int i = 0; i < in; i++) {
                        float wv = w.get(wb + i);
                        dx.set(x0 + i, dx.get(x0 + i) + g0 * wv);
                        dx.set(x1 + i, dx.get(x1 + i) + g1 * wv);
                        dx.set(x2 + i, dx.get(x2 + i) + g2 * wv);
                        dx.set(x3 + i, dx.get(x3 + i) + g3 * wv);
                    }
                }
            } else {
                for (int r = r0; r < rows; r++) {
                    int xb = r * in;
                    if (accumulate == 0) for (int i = 0; i < in; i++) dx.set(xb + i, 0.0f);
                    for (int o = 0; o < out; o++) {
                        float g = dy.get(r * out + o);
                        int wb = o * in;
                        for (int i = 0; i < in; i++) dx.set(xb + i, dx.get(xb + i) + g * w.get(wb + i));
                    }
                }
            }
        }
    }

    /**
     * dw[o, i] += sum_r dy[r, o] * x[r, i]. One work-item per output row o, sweeping x row by row
     * (unit stride innermost); each dw element adds r in order 0, 1, 2...
     */
    public static void backwardWeight(FloatArray dy, FloatArray x, FloatArray dw, int rows, int in, int out) {
        for (@Parallel int o = 0; o < out; o++) {
            int wb = o * in;
            for (int r = 0; r < rows; r++) {
                float g = dy.get(r * out + o);
                int xb = r * in;
                for (int i = 0; i < in; i++) dw.set(wb + i, dw.get(wb + i) + g * x.get(xb + i));
            }
        }
    }

    // ---------------------------------------------------------------- 4 x 4 register blocks, exact launch size

    /** Work-items of a *Blocked kernel writing an M x N output: one per 4 x 4 block. */
    public static int blocks(int m, int n) { return (m + 3) / 4 * ((n + 3) / 4); }

    /**
     * {@link #forward} (same result bit for bit) as one @Parallel loop over {@code blocks} = {@link #blocks}(rows, out)
     * work-items, a plain argument, so a device launches exactly that many (a loop bound written as an
     * expression gets a fixed 4096 per dimension). Block t covers rows 4 (t mod ceil(rows/4)), columns 4 (t div ...).
     */
    public static void forwardBlocked(FloatArray x, FloatArray w, FloatArray y, int rows, int in, int out, int blocks) {
        for (@Parallel int t = 0; t < blocks; t++) {
            int mb = (rows + 3) / 4;
            block4x4(x, w, y, t % mb * 4, t / mb * 4, rows, out, in, in, 1, 1, in, 0);
        }
    }

    /**
     * {@link #backwardInput} with 4 x 4 register blocks (C = dx, A = dy, B(k, n) = w[k, n]), {@code blocks} =
     * {@link #blocks}(rows, in): no loads or stores of dx in the reduction loop (the JVM's fastest, where nothing
     * is vectorised). Sums o in order from 0, then adds dx when accumulating (rounding may differ from
     * backwardInput's running sum then).
     */
    public static void backwardInputBlocked(FloatArray dy, FloatArray w, FloatArray dx, int rows, int in, int out, int accumulate, int blocks) {
        for (@Parallel int t = 0; t < blocks; t++) {
            int mb = (rows + 3) / 4;
            block4x4(dy, w, dx, t % mb * 4, t / mb * 4, rows, in, out, out, 1, in, 1, accumulate);
        }
    }

    /**
     * {@link #backwardWeight} (always accumulates) with 4 x 4 register blocks (C = dw, A(o, r) = dy[r, o], B = x),
     * {@code blocks} = {@link #blocks}(out, in). Sums r from 0, then adds to dw.
     */
    public static void backwardWeightBlocked(FloatArray dy, FloatArray x, FloatArray dw, int rows, int in, int out, int blocks) {
        for (@Parallel int t = 0; t < blocks; t++) {
            int mb = (out + 3) / 4;
            block4x4(dy, x, dw, t % mb * 4, t / mb * 4, out, in, rows, 1, out, in, 1, 1);
        }
    }

    /**
     * The 4 x 4 block of C[m, n] (+)= sum_k A(m, k) * B(k, n) at rows m0..m0+3, columns n0..n0+3, with
     * C row-major [M, N], A(m, k) = a[m*sam + k*sak], B(k, n) = b[k*sbk + n*sbn]: 16 independent
     * accumulators in registers, 8 loads per 16 multiply-adds (4x fewer loads per flop than a dot
     * product), no stores in the k loop. Rows and columns past the edge are clamped to the last one for
     * the loads (no branch in the k loop) and not stored. Each output sums k in order 0, 1, 2..., like the
     * tiled kernels (so forward agrees with forwardTiled bit for bit).
     */
    private static void block4x4(FloatArray a, FloatArray b, FloatArray c, int m0, int n0,
                                 int m, int n, int k, int sam, int sak, int sbk, int sbn, int accumulate) {
        int a0 = Math.min(m0, m - 1) * sam, a1 = Math.min(m0 + 1, m - 1) * sam;
        int a2 = Math.min(m0 + 2, m - 1) * sam, a3 = Math.min(m0 + 3, m - 1) * sam;
        int b0 = Math.min(n0, n - 1) * sbn, b1 = Math.min(n0 + 1, n - 1) * sbn;
        int b2 = Math.min(n0 + 2, n - 1) * sbn, b3 = Math.min(n0 + 3, n - 1) * sbn;
        float c00 = 0.0f, c01 = 0.0f, c02 = 0.0f, c03 = 0.0f, c10 = 0.0f, c11 = 0.0f, c12 = 0.0f, c13 = 0.0f, c20 = 0.0f, c21 = 0.0f, c22 = 0.0f, c23 = 0.0f, c30 = 0.0f, c31 = 0.0f, c32 = 0.0f, c33 = 0.0f;
        int pa = 0;
        int pb = 0;
        for (int kk = 0; kk < k; kk++) {
            float x0 = a.get(a0 + pa), x1 = a.get(a1 + pa), x2 = a.get(a2 + pa), x3 = a.get(a3 + pa);
            float y0 = b.get(b0 + pb), y1 = b.get(b1 + pb), y2 = b.get(b2 + pb), y3 = b.get(b3 + pb);
            c00 += x0 * y0;
            c01 += x0 * y1;
            c02 += x0 * y2;
            c03 += x0 * y3;
            c10 += x1 * y0;
            c11 += x1 * y1;
            c12 += x1 * y2;
            c13 += x1 * y3;
            c20 += x2 * y0;
            c21 += x2 * y1;
            c22 += x2 * y2;
            c23 += x2 * y3;
            c30 += x3 * y0;
            c31 += x3 * y1;
            c32 += x3 * y2;
            c33 += x3 * y3;
            pa += sak;
            pb += sbk;
        }
        store(c, m0, n0, m, n, accumulate, c00);
        store(c, m0, n0 + 1, m, n, accumulate, c01);
        store(c, m0, n0 + 2, m, n, accumulate, c02);
        store(c, m0, n0 + 3, m, n, accumulate, c03);
        store(c, m0 + 1, n0, m, n, accumulate, c10);
        store(c, m0 + 1, n0 + 1, m, n, accumulate, c11);
        store(c, m0 + 1, n0 + 2, m, n, accumulate, c12);
        store(c, m0 + 1, n0 + 3, m, n, accumulate, c13);
        store(c, m0 + 2, n0, m, n, accumulate, c20);
        store(c, m0 + 2, n0 + 1, m, n, accumulate, c21);
        store(c, m0 + 2, n0 + 2, m, n, accumulate, c22);
        store(c, m0 + 2, n0 + 3, m, n, accumulate, c23);
        store(c, m0 + 3, n0, m, n, accumulate, c30);
        store(c, m0 + 3, n0 + 1, m, n, accumulate, c31);
        store(c, m0 + 3, n0 + 2, m, n, accumulate, c32);
        store(c, m0 + 3, n0 + 3, m, n, accumulate, c33);
    }

    /** db[o] += sum_r dy[r, o]. */
    public static void backwardBias(FloatArray dy, FloatArray db, int rows, int out) {
        for (@Parallel int o = 0; o < out; o++) {
            float sum = 0.0f;
            for (int r = 0; r < rows; r++) sum += dy.get(r * out + o);
            db.set(o, db.get(o) + sum);
        }
    }

    // ---------------------------------------------------------------- tiled KernelContext versions

    /** Tiled {@link #forward}: C = y [rows, out], A = x (rows x in), B(k, n) = w[n, k]. */
    public static void forwardTiled(KernelContext ctx, FloatArray x, FloatArray w, FloatArray y, int rows, int in, int out) {
        FloatArray tileA = ctx.allocateFloatLocalArray(LD * TILE);
        FloatArray tileB = ctx.allocateFloatLocalArray(LD * TILE);
        gemmTile(ctx, tileA, tileB, x, w, y, rows, out, in, in, 1, 1, in, 0);
    }

    /** Tiled {@link #backwardInput}: C = dx [rows, in], A = dy (rows x out), B(k, n) = w[k, n]. */
    public static void backwardInputTiled(KernelContext ctx, FloatArray dy, FloatArray w, FloatArray dx,
                                          int rows, int in, int out, int accumulate) {
        FloatArray tileA = ctx.allocateFloatLocalArray(LD * TILE);
        FloatArray tileB = ctx.allocateFloatLocalArray(LD * TILE);
        gemmTile(ctx, tileA, tileB, dy, w, dx, rows, in, out, out, 1, in, 1, accumulate);
    }

    /** Tiled {@link #backwardWeight} (always accumulates): C = dw [out, in], A(m, k) = dy[k, m], B(k, n) = x[k, n]. */
    public static void backwardWeightTiled(KernelContext ctx, FloatArray dy, FloatArray x, FloatArray dw,
                                           int rows, int in, int out) {
        FloatArray tileA = ctx.allocateFloatLocalArray(LD * TILE);
        FloatArray tileB = ctx.allocateFloatLocalArray(LD * TILE);
        gemmTile(ctx, tileA, tileB, dy, x, dw, out, in, rows, 1, out, in, 1, 1);
    }

    /**
     * One work-item of C[m, n] (+)= sum_k A(m, k) * B(k, n), C row-major [M, N], with A(m, k) =
     * a[m*sam + k*sak] and B(k, n) = b[k*sbk + n*sbn]. A work-group of TILE x TILE work-items computes
     * a BLOCK x BLOCK block of C (BLOCK = 4 * TILE = 64); work-item (lx, ly) computes the 4 x 4
     * elements at rows m0 + ly + 16 ii and columns n0 + lx + 16 jj. K advances by TILE: both operand
     * blocks (BLOCK x TILE) are staged in local memory, k-major, loaded by all 256 work-items with the
     * unit-stride index fastest (coalesced). Out-of-range elements load as zero and out-of-range outputs
     * are not stored, so every work-item reaches every barrier. Each output sums k in order 0, 1, 2...
     */
    private static void gemmTile(KernelContext ctx, FloatArray tileA, FloatArray tileB, FloatArray a, FloatArray b, FloatArray c,
                                 int m, int n, int k, int sam, int sak, int sbk, int sbn, int accumulate) {
        int lx = ctx.localIdx;
        int ly = ctx.localIdy;
        int tid = ly * TILE + lx;
        int m0 = ctx.groupIdy * BLOCK;
        int n0 = ctx.groupIdx * BLOCK;
        float c00 = 0.0f, c01 = 0.0f, c02 = 0.0f, c03 = 0.0f, c10 = 0.0f, c11 = 0.0f, c12 = 0.0f, c13 = 0.0f, c20 = 0.0f, c21 = 0.0f, c22 = 0.0f, c23 = 0.0f, c30 = 0.0f, c31 = 0.0f, c32 = 0.0f, c33 = 0.0f;
        for (int k0 = 0; k0 < k; k0 += TILE) {
            for (int e = 0; e < 4; e++) {
                int idx = tid + e * TILE * TILE;
                // A block: BLOCK rows x TILE k, stored tileA[kk * LD + row]
                int ar = sak == 1 ? idx / TILE : idx % BLOCK;
                int ak = sak == 1 ? idx % TILE : idx / BLOCK;
                float av = 0.0f;
                if (m0 + ar < m && k0 + ak < k) av = a.get((m0 + ar) * sam + (k0 + ak) * sak);
                tileA.set(ak * LD + ar, av);
                // B block: TILE k x BLOCK columns, stored tileB[kk * LD + col]
                int bc = sbk == 1 ? idx / TILE : idx % BLOCK;
                int bk = sbk == 1 ? idx % TILE : idx / BLOCK;
                float bv = 0.0f;
                if (n0 + bc < n && k0 + bk < k) bv = b.get((k0 + bk) * sbk + (n0 + bc) * sbn);
                tileB.set(bk * LD + bc, bv);
            }
            ctx.localBarrier();
            for (int kk = 0; kk < TILE; kk++) {
                int ra = kk * LD + ly;
                int rb = kk * LD + lx;
                float a0 = tileA.get(ra), a1 = tileA.get(ra + 16), a2 = tileA.get(ra + 32), a3 = tileA.get(ra + 48);
                float b0 = tileB.get(rb), b1 = tileB.get(rb + 16), b2 = tileB.get(rb + 32), b3 = tileB.get(rb + 48);
                c00 += a0 * b0;
                c01 += a0 * b1;
                c02 += a0 * b2;
                c03 += a0 * b3;
                c10 += a1 * b0;
                c11 += a1 * b1;
                c12 += a1 * b2;
                c13 += a1 * b3;
                c20 += a2 * b0;
                c21 += a2 * b1;
                c22 += a2 * b2;
                c23 += a2 * b3;
                c30 += a3 * b0;
                c31 += a3 * b1;
                c32 += a3 * b2;
                c33 += a3 * b3;
            }
            ctx.localBarrier();
        }
        store(c, m0 + ly + 0, n0 + lx + 0, m, n, accumulate, c00);
        store(c, m0 + ly + 0, n0 + lx + 16, m, n, accumulate, c01);
        store(c, m0 + ly + 0, n0 + lx + 32, m, n, accumulate, c02);
        store(c, m0 + ly + 0, n0 + lx + 48, m, n, accumulate, c03);
        store(c, m0 + ly + 16, n0 + lx + 0, m, n, accumulate, c10);
        store(c, m0 + ly + 16, n0 + lx + 16, m, n, accumulate, c11);
        store(c, m0 + ly + 16, n0 + lx + 32, m, n, accumulate, c12);
        store(c, m0 + ly + 16, n0 + lx + 48, m, n, accumulate, c13);
        store(c, m0 + ly + 32, n0 + lx + 0, m, n, accumulate, c20);
        store(c, m0 + ly + 32, n0 + lx + 16, m, n, accumulate, c21);
        store(c, m0 + ly + 32, n0 + lx + 32, m, n, accumulate, c22);
        store(c, m0 + ly + 32, n0 + lx + 48, m, n, accumulate, c23);
        store(c, m0 + ly + 48, n0 + lx + 0, m, n, accumulate, c30);
        store(c, m0 + ly + 48, n0 + lx + 16, m, n, accumulate, c31);
        store(c, m0 + ly + 48, n0 + lx + 32, m, n, accumulate, c32);
        store(c, m0 + ly + 48, n0 + lx + 48, m, n, accumulate, c33);
    }

    private static void store(FloatArray c, int row, int col, int m, int n, int accumulate, float v) {
        if (row < m && col < n) {
            int at = row * n + col;
            c.set(at, accumulate != 0 ? c.get(at) + v : v);
        }
    }
}
