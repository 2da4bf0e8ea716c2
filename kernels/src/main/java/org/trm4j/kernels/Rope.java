package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;

/**
 * Rotary position embedding, "rotate half" convention, on the q and k parts of the qkv_proj output,
 * IN PLACE.
 *
 * <p>Layout of {@code qkv}: [B*L rows, 3*H*hd]; each row (one position) is [q heads | k heads | v heads],
 * each head hd floats. Positions are 0..L-1 (prefix + tokens); row r has position r % seqLen.
 * cos/sin tables are [seqLen, hd] with inv_freq[j] = 1 / theta^(2j/hd), angle[p, j] = p * inv_freq[j mod hd/2]
 * (the reference concatenates freqs twice), computed in float like the reference.
 * <pre>
 *   with h = hd/2, for j < h:   x1 = x[j], x2 = x[j + h]
 *   forward   x'[j]     = x1 cos[j]     - x2 sin[j]
 *             x'[j + h] = x2 cos[j + h] + x1 sin[j + h]
 *   backward  dx1 = dx'[j] cos[j] + dx'[j + h] sin[j + h]
 *             dx2 = dx'[j + h] cos[j + h] - dx'[j] sin[j]
 * </pre>
 * Work-items with j >= hd/2 do nothing (each pair is handled by one work-item, so in-place is safe).
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>tables(cos, sin, seqLen, headDim, theta)</td><td>cos, sin [seqLen, headDim]</td></tr>
 * <tr><td>forward(qkv, cos, sin, rows, seqLen, heads, headDim)</td><td>rotates q and k of qkv in place</td></tr>
 * <tr><td>backward(dqkv, cos, sin, rows, seqLen, heads, headDim)</td><td>un-rotates dq and dk of dqkv in place</td></tr>
 * </table>
 */
public final class Rope {
    private Rope() {}

    /** cos/sin[p, j] of angle p * (1 / theta^((2 (j mod hd/2)) / hd)), float arithmetic as the reference. */
    public static void tables(FloatArray cos, FloatArray sin, int seqLen, int headDim, float theta) {
        for (@Parallel int p = 0; p < seqLen; p++) {
            for (@Parallel int j = 0; j < headDim; j++) {
                int half = headDim / 2;
                int jj = j < half ? j : j - half;
                float e = (float) (2 * jj) / (float) headDim;
                float invFreq = 1.0f / (float) Math.pow(theta, e);
                float angle = (float) p * invFreq;
                cos.set(p * headDim + j, (float) Math.cos(angle));
                sin.set(p * headDim + j, (float) Math.sin(angle));
            }
        }
    }

    /** In place: q and k heads of every row rotated by their position's angles. */
    public static void forward(FloatArray qkv, FloatArray cos, FloatArray sin, int rows, int seqLen, int heads, int headDim) {
        for (@Parallel int r = 0; r < rows; r++)
            for (@Parallel int h = 0; h < heads; h++)
                for (@Parallel int j = 0; j < headDim; j++) rotate(qkv, cos, sin, r, h, j, seqLen, heads, headDim, false);
    }

    /** In place: the transpose of {@link #forward} on the dq and dk parts of dqkv (dv untouched). */
    public static void backward(FloatArray dqkv, FloatArray cos, FloatArray sin, int rows, int seqLen, int heads, int headDim) {
        for (@Parallel int r = 0; r < rows; r++)
            for (@Parallel int h = 0; h < heads; h++)
                for (@Parallel int j = 0; j < headDim; j++) rotate(dqkv, cos, sin, r, h, j, seqLen, heads, headDim, true);
    }

    /**
     * Work-item (r, h, j) of both kernels (inlined): for j < hd/2, the pairs (x[j], x[j + h]) of q head h
     * and of k head h in row r are multiplied by [[c1, -sa], [sb, c2]] (c1 = cos[j], c2 = cos[j + h]):
     * forward (sa, sb) = (sin[j], sin[j + h]); the transpose has the sines swapped and negated,
     * (sa, sb) = (-sin[j + h], -sin[j]). Work-items with j >= hd/2 do nothing.
     */
    private static void rotate(FloatArray qkv, FloatArray cos, FloatArray sin, int r, int h, int j,
                               int seqLen, int heads, int headDim, boolean transpose) {
        int half = headDim / 2;
        if (j < half) {
            int p = r % seqLen;
            float c1 = cos.get(p * headDim + j), s1 = sin.get(p * headDim + j);
            float c2 = cos.get(p * headDim + j + half), s2 = sin.get(p * headDim + j + half);
            float sa = transpose ? -s2 : s1;
            float sb = transpose ? -s1 : s2;
            int width = 3 * heads * headDim;
            int q = r * width + h * headDim + j;
            int k = q + heads * headDim;
            rotatePair(qkv, q, half, c1, c2, sa, sb);
            rotatePair(qkv, k, half, c1, c2, sa, sb);
        }
    }

    /** (x1, x2) = (x[at], x[at + half]) <- (x1 c1 - x2 sa, x2 c2 + x1 sb). */
    private static void rotatePair(FloatArray x, int at, int half, float c1, float c2, float sa, float sb) {
        float x1 = x.get(at), x2 = x.get(at + half);
        x.set(at, x1 * c1 - x2 * sa);
        x.set(at + half, x2 * c2 + x1 * sb);
    }
}
