package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/**
 * The input embedding of TRM: puzzle embedding prefix + token embeddings, optional learned positions,
 * times sqrt(D); and its backward.
 *
 * <p>Layouts: {@code ids} [B, S] token ids; {@code puzzleIds} [B]; {@code embed} (embed_tokens)
 * [V, D]; {@code puzzleEmb} [numPuzzles, D]; {@code pos} (embed_pos) [L, D]; the output {@code x}
 * [B, L, D] with L = P + S (P = puzzle_emb_len prefix positions, 16 in TRM, 0 for none).
 * Prefix position 0 holds puzzleEmb[puzzleIds[b]] (D-sized vectors), positions 1..P-1 are zero.
 * <pre>
 *   forward        x[b, p] = scale * e(b, p)                       e = puzzle row / 0 / embed[ids[b, p - P]]
 *   forwardPos     x[b, p] = scale * posScale * (e(b, p) + pos[p]) posScale = 0.707106781 in TRM
 *   backwardTokens dEmbed[v, d] += scale * sum_{(b, s): ids[b, s] == v} dx[b, P + s, d]
 *   backwardPuzzle dSlot[b, d]   = scale * dx[b, 0, d]   (per batch slot, for sign-SGD; overwritten)
 *   backwardPos    dPos[p, d]   += scale * sum_b dx[b, p, d]
 * </pre>
 * For the learned-position variant pass scale * posScale as the backward {@code scale}.
 * backwardTokens is atomics-free and deterministic: each (v, d) work-item scans all ids in order.
 * Parameter gradients (dEmbed, dPos) accumulate (the caller zeroes them); dSlot is overwritten.
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>forward(ids, puzzleIds, embed, puzzleEmb, x, batch, seqLen, prefix, dim, scale)</td><td>x written</td></tr>
 * <tr><td>forwardPos(ids, puzzleIds, embed, puzzleEmb, pos, x, batch, seqLen, prefix, dim, scale, posScale)</td><td>x written</td></tr>
 * <tr><td>backwardTokens(dx, ids, dEmbed, batch, seqLen, prefix, dim, vocab, scale)</td><td>dEmbed accumulated</td></tr>
 * <tr><td>backwardPuzzle(dx, dSlot, batch, seqLen, prefix, dim, scale)</td><td>dSlot written</td></tr>
 * <tr><td>backwardPos(dx, dPos, batch, seqLen, prefix, dim, scale)</td><td>dPos accumulated</td></tr>
 * </table>
 * With prefix == 0 the puzzle arrays are not read (pass any array, e.g. of size 1).
 */
public final class Embedding {
    private Embedding() {}

    /** The unscaled embedding e(b, p, d) of element {@code at} of x [batch, seqLen + prefix, dim]. */
    private static float embedAt(IntArray ids, IntArray puzzleIds, FloatArray embed, FloatArray puzzleEmb,
                                 int at, int seqLen, int prefix, int dim) {
        int d = at % dim;
        int row = at / dim;
        int len = seqLen + prefix;
        int b = row / len;
        int p = row % len;
        if (p >= prefix) return embed.get(ids.get(b * seqLen + p - prefix) * dim + d);
        if (p == 0) return puzzleEmb.get(puzzleIds.get(b) * dim + d);
        return 0.0f;
    }

    /** x[b, p, d] = scale * e(b, p, d); one work-item per element of x (x must be exactly [batch, seqLen + prefix, dim]). */
    public static void forward(IntArray ids, IntArray puzzleIds, FloatArray embed, FloatArray puzzleEmb, FloatArray x,
                               int batch, int seqLen, int prefix, int dim, float scale) {
        for (@Parallel int at = 0; at < x.getSize(); at++)
            x.set(at, scale * embedAt(ids, puzzleIds, embed, puzzleEmb, at, seqLen, prefix, dim));
    }

    /** x[b, p, d] = scale * (posScale * (e(b, p, d) + pos[p, d])); one work-item per element of x. */
    public static void forwardPos(IntArray ids, IntArray puzzleIds, FloatArray embed, FloatArray puzzleEmb, FloatArray pos, FloatArray x,
                                  int batch, int seqLen, int prefix, int dim, float scale, float posScale) {
        for (@Parallel int at = 0; at < x.getSize(); at++) {
            float e = embedAt(ids, puzzleIds, embed, puzzleEmb, at, seqLen, prefix, dim);
            int posAt = at % ((seqLen + prefix) * dim); // = p * dim + d: pos [len, dim] is laid out like one slot of x
            x.set(at, scale * (posScale * (e + pos.get(posAt))));
        }
    }

    /** dEmbed[v, d] += scale * sum over tokens with id v of dx at that token. */
    public static void backwardTokens(FloatArray dx, IntArray ids, FloatArray dEmbed, int batch, int seqLen, int prefix, int dim, int vocab, float scale) {
        for (@Parallel int v = 0; v < vocab; v++) {
            for (@Parallel int d = 0; d < dim; d++) {
                int len = seqLen + prefix;
                float sum = 0.0f;
                for (int b = 0; b < batch; b++)
                    for (int s = 0; s < seqLen; s++)
                        if (ids.get(b * seqLen + s) == v) sum += dx.get((b * len + prefix + s) * dim + d);
                dEmbed.set(v * dim + d, dEmbed.get(v * dim + d) + scale * sum);
            }
        }
    }

    /** dSlot[b, d] = scale * dx[b, 0, d] (gradient of the puzzle embedding row used by slot b). */
    public static void backwardPuzzle(FloatArray dx, FloatArray dSlot, int batch, int seqLen, int prefix, int dim, float scale) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int d = 0; d < dim; d++) {
                int len = seqLen + prefix;
                dSlot.set(b * dim + d, scale * dx.get(b * len * dim + d));
            }
        }
    }

    /** dPos[p, d] += scale * sum_b dx[b, p, d]; one work-item per element of dPos (exactly [seqLen + prefix, dim]). */
    public static void backwardPos(FloatArray dx, FloatArray dPos, int batch, int seqLen, int prefix, int dim, float scale) {
        for (@Parallel int at = 0; at < dPos.getSize(); at++) {
            int len = seqLen + prefix;
            float sum = 0.0f;
            for (int b = 0; b < batch; b++) sum += dx.get(b * len * dim + at);
            dPos.set(at, dPos.get(at) + scale * sum);
        }
    }
}
