package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/**
 * Non-causal multi-head attention (scaled dot product, softmax over keys), forward and backward.
 *
 * <p>Layouts: {@code qkv} [B*L, 3*H*hd], row = position, [q heads | k heads | v heads] x hd (after
 * {@link Rope#forward}); {@code o} and {@code dO} [B*L, H*hd] (heads x hd per row, the input of o_proj);
 * {@code p} [B, H, L, L] probabilities (row i = query, column j = key), reused as dS in backward;
 * {@code lse}, {@code delta} [B, H, L]. {@code dqkv} has qkv's layout.
 * <pre>
 *   forward   s_ij = scale * q_i . k_j;   lse_i = log sum_j exp(s_ij);   p_ij = exp(s_ij - lse_i)
 *             o_i  = sum_j p_ij v_j
 *   backward  delta_i = dO_i . o_i
 *             dv_j    = sum_i p_ij dO_i
 *             ds_ij   = p_ij (dO_i . v_j - delta_i)
 *             dq_i    = scale * sum_j ds_ij k_j;   dk_j = scale * sum_i ds_ij q_i
 * </pre>
 * Order of the backward tasks: backwardDelta, (recomputeProbs when p was not kept), backwardValue
 * (reads p), backwardScores (turns p into ds in place), backwardQueryKey. Softmax uses float exp/log
 * (transcendental tolerance between devices); sums run in float.
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>forwardProbs(qkv, p, lse, batch, seqLen, heads, headDim, scale)</td><td>p, lse written</td></tr>
 * <tr><td>forwardOutput(p, qkv, o, batch, seqLen, heads, headDim)</td><td>o written</td></tr>
 * <tr><td>recomputeProbs(qkv, lse, p, batch, seqLen, heads, headDim, scale)</td><td>p from saved lse</td></tr>
 * <tr><td>backwardDelta(dO, o, delta, batch, seqLen, heads, headDim)</td><td>delta written</td></tr>
 * <tr><td>backwardValue(p, dO, dqkv, batch, seqLen, heads, headDim)</td><td>v part of dqkv written</td></tr>
 * <tr><td>backwardScores(qkv, dO, delta, p, batch, seqLen, heads, headDim)</td><td>p := ds in place</td></tr>
 * <tr><td>backwardQueryKey(ds, qkv, dqkv, batch, seqLen, heads, headDim, scale)</td><td>q, k parts of dqkv written</td></tr>
 * </table>
 */
public final class Attention {
    private Attention() {}

    /** Index of element d of head h of part (0 q, 1 k, 2 v) of row (b, i) in qkv. */
    private static int qkvAt(int b, int i, int part, int h, int d, int seqLen, int heads, int headDim) {
        return ((b * seqLen + i) * 3 + part) * heads * headDim + h * headDim + d;
    }

    /** Scores, softmax over keys, probabilities and log-sum-exp per query row. */
    public static void forwardProbs(FloatArray qkv, FloatArray p, FloatArray lse, int batch, int seqLen, int heads, int headDim, float scale) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int h = 0; h < heads; h++) {
                for (@Parallel int i = 0; i < seqLen; i++) {
                    int row = ((b * heads + h) * seqLen + i) * seqLen;
                    int qi = qkvAt(b, i, 0, h, 0, seqLen, heads, headDim);
                    float max = -Float.MAX_VALUE;
                    for (int j = 0; j < seqLen; j++) {
                        int kj = qkvAt(b, j, 1, h, 0, seqLen, heads, headDim);
                        float s = 0.0f;
                        for (int d = 0; d < headDim; d++) s += qkv.get(qi + d) * qkv.get(kj + d);
                        s = s * scale;
                        p.set(row + j, s);
                        max = Math.max(max, s);
                    }
                    float sum = 0.0f;
                    for (int j = 0; j < seqLen; j++) {
                        float e = KernelMath.exp(p.get(row + j) - max);
                        p.set(row + j, e);
                        sum += e;
                    }
                    float inv = 1.0f / sum;
                    for (int j = 0; j < seqLen; j++) p.set(row + j, p.get(row + j) * inv);
                    lse.set((b * heads + h) * seqLen + i, max + KernelMath.log(sum));
                }
            }
        }
    }

    /** o[b, i, h, d] = sum_j p[b, h, i, j] v[b, j, h, d]. */
    public static void forwardOutput(FloatArray p, FloatArray qkv, FloatArray o, int batch, int seqLen, int heads, int headDim) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int i = 0; i < seqLen; i++) {
                for (@Parallel int h = 0; h < heads; h++) {
                    int row = ((b * heads + h) * seqLen + i) * seqLen;
                    int out = (b * seqLen + i) * heads * headDim + h * headDim;
                    for (int d = 0; d < headDim; d++) {
                        float sum = 0.0f;
                        for (int j = 0; j < seqLen; j++) sum += p.get(row + j) * qkv.get(qkvAt(b, j, 2, h, d, seqLen, heads, headDim));
                        o.set(out + d, sum);
                    }
                }
            }
        }
    }

    /** p[b, h, i, j] = exp(scale * q_i . k_j - lse[b, h, i]) (when the forward's p was not kept). */
    public static void recomputeProbs(FloatArray qkv, FloatArray lse, FloatArray p, int batch, int seqLen, int heads, int headDim, float scale) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int h = 0; h < heads; h++) {
                for (@Parallel int i = 0; i < seqLen; i++) {
                    int row = ((b * heads + h) * seqLen + i) * seqLen;
                    int qi = qkvAt(b, i, 0, h, 0, seqLen, heads, headDim);
                    float l = lse.get((b * heads + h) * seqLen + i);
                    for (int j = 0; j < seqLen; j++) {
                        int kj = qkvAt(b, j, 1, h, 0, seqLen, heads, headDim);
                        float s = 0.0f;
                        for (int d = 0; d < headDim; d++) s += qkv.get(qi + d) * qkv.get(kj + d);
                        p.set(row + j, KernelMath.exp(s * scale - l));
                    }
                }
            }
        }
    }

    /** delta[b, h, i] = sum_d dO[b, i, h, d] * o[b, i, h, d]. */
    public static void backwardDelta(FloatArray dO, FloatArray o, FloatArray delta, int batch, int seqLen, int heads, int headDim) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int h = 0; h < heads; h++) {
                for (@Parallel int i = 0; i < seqLen; i++) {
                    int at = (b * seqLen + i) * heads * headDim + h * headDim;
                    float sum = 0.0f;
                    for (int d = 0; d < headDim; d++) sum += dO.get(at + d) * o.get(at + d);
                    delta.set((b * heads + h) * seqLen + i, sum);
                }
            }
        }
    }

    /** dv[b, j, h, d] = sum_i p[b, h, i, j] dO[b, i, h, d], written into the v part of dqkv. */
    public static void backwardValue(FloatArray p, FloatArray dO, FloatArray dqkv, int batch, int seqLen, int heads, int headDim) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int j = 0; j < seqLen; j++) {
                for (@Parallel int h = 0; h < heads; h++) {
                    int pBase = (b * heads + h) * seqLen * seqLen + j;
                    for (int d = 0; d < headDim; d++) {
                        float sum = 0.0f;
                        for (int i = 0; i < seqLen; i++)
                            sum += p.get(pBase + i * seqLen) * dO.get((b * seqLen + i) * heads * headDim + h * headDim + d);
                        dqkv.set(qkvAt(b, j, 2, h, d, seqLen, heads, headDim), sum);
                    }
                }
            }
        }
    }

    /** In place p -> ds: ds_ij = p_ij * (dO_i . v_j - delta_i). */
    public static void backwardScores(FloatArray qkv, FloatArray dO, FloatArray delta, FloatArray p, int batch, int seqLen, int heads, int headDim) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int h = 0; h < heads; h++) {
                for (@Parallel int i = 0; i < seqLen; i++) {
                    int row = ((b * heads + h) * seqLen + i) * seqLen;
                    int oi = (b * seqLen + i) * heads * headDim + h * headDim;
                    float di = delta.get((b * heads + h) * seqLen + i);
                    for (int j = 0; j < seqLen; j++) {
                        int vj = qkvAt(b, j, 2, h, 0, seqLen, heads, headDim);
                        float dp = 0.0f;
                        for (int d = 0; d < headDim; d++) dp += dO.get(oi + d) * qkv.get(vj + d);
                        p.set(row + j, p.get(row + j) * (dp - di));
                    }
                }
            }
        }
    }

    /** dq_i = scale sum_j ds_ij k_j and dk_i = scale sum_j ds_ji q_j, into the q and k parts of dqkv. */
    public static void backwardQueryKey(FloatArray ds, FloatArray qkv, FloatArray dqkv, int batch, int seqLen, int heads, int headDim, float scale) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int i = 0; i < seqLen; i++) {
                for (@Parallel int h = 0; h < heads; h++) {
                    int base = (b * heads + h) * seqLen * seqLen;
                    for (int d = 0; d < headDim; d++) {
                        float sq = 0.0f;
                        float sk = 0.0f;
                        for (int j = 0; j < seqLen; j++) {
                            sq += ds.get(base + i * seqLen + j) * qkv.get(qkvAt(b, j, 1, h, d, seqLen, heads, headDim));
                            sk += ds.get(base + j * seqLen + i) * qkv.get(qkvAt(b, j, 0, h, d, seqLen, heads, headDim));
                        }
                        dqkv.set(qkvAt(b, i, 0, h, d, seqLen, heads, headDim), sq * scale);
                        dqkv.set(qkvAt(b, i, 1, h, d, seqLen, heads, headDim), sk * scale);
                    }
                }
            }
        }
    }
}
