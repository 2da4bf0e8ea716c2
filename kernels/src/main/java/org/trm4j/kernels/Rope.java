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
        for (@Parallel int r = 0; r < rows; r++) {
            for (@Parallel int h = 0; h < heads; h++) {
                for (@Parallel int j = 0; j < headDim; j++) {
                    int half = headDim / 2;
                    if (j < half) {
                        int p = r % seqLen;
                        float c1 = cos.get(p * headDim + j), s1 = sin.get(p * headDim + j);
                        float c2 = cos.get(p * headDim + j + half), s2 = sin.get(p * headDim + j + half);
                        int width = 3 * heads * headDim;
                        int q = r * width + h * headDim + j;
                        int k = q + heads * headDim;
                        float q1 = qkv.get(q), q2 = qkv.get(q + half);
                        qkv.set(q, q1 * c1 - q2 * s1);
                        qkv.set(q + half, q2 * c2 + q1 * s2);
                        float k1 = qkv.get(k), k2 = qkv.get(k + half);
                        qkv.set(k, k1 * c1 - k2 * s1);
                        qkv.set(k + half, k2 * c2 + k1 * s2);
                    }
                }
            }
        }
    }

    /** In place: the transpose of {@link #forward} on the dq and dk parts of dqkv (dv untouched). */
    public static void backward(FloatArray dqkv, FloatArray cos, FloatArray sin, int rows, int seqLen, int heads, int headDim) {
        for (@Parallel int r = 0; r < rows; r++) {
            for (@Parallel int h = 0; h < heads; h++) {
                for (@Parallel int j = 0; j < headDim; j++) {
                    int half = headDim / 2;
                    if (j < half) {
                        int p = r % seqLen;
                        float c1 = cos.get(p * headDim + j), s1 = sin.get(p * headDim + j);
                        float c2 = cos.get(p * headDim + j + half), s2 = sin.get(p * headDim + j + half);
                        int width = 3 * heads * headDim;
                        int q = r * width + h * headDim + j;
                        int k = q + heads * headDim;
                        float a1 = dqkv.get(q), a2 = dqkv.get(q + half);
                        dqkv.set(q, a1 * c1 + a2 * s2);
                        dqkv.set(q + half, a2 * c2 - a1 * s1);
                        float b1 = dqkv.get(k), b2 = dqkv.get(k + half);
                        dqkv.set(k, b1 * c1 + b2 * s2);
                        dqkv.set(k + half, b2 * c2 - b1 * s1);
                    }
                }
            }
        }
    }
}
