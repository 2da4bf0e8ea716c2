package org.trm4j.model.graph;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/**
 * The few kernels the step graphs need beyond org.trm4j.kernels, all {@code @Parallel} (no grid needed).
 * (The parameter updates are org.trm4j.kernels.Optimizers' adamAtan2Rates and signSgdRates.)
 * <pre>
 *   argmax     preds[offset + b*seqLen + s] = first argmax over V of logits[b, prefix + s]
 *              (logits [B, len, V], len = prefix + seqLen): the token predictions, prefix dropped.
 *   copyAt     dst[offset + i] = src[i], i < n (one supervision step's q logits into the per-step array).
 *   copyIntAt  the same for ints.
 *   puzzlePrefixAdd       x[b*stride + k] += scale * table[ids[b]*ndim + k], k < ndim: a puzzle embedding of
 *                         ndim != D laid over the flattened prefix [puzzle_emb_len * D] (the reference pads and views it).
 *   puzzlePrefixBackward  dSlot[b*ndim + k] = scale * dx[b*stride + k] (overwritten).
 *   nonFinite  flags[slot] = 1 if any element of a is NaN or infinite (left as is otherwise).
 * </pre>
 */
public final class GraphKernels {
    private GraphKernels() {}

    /** Token predictions (first maximum), prefix rows dropped, written at {@code offset} of preds. */
    public static void argmax(FloatArray logits, IntArray preds, int batch, int seqLen, int len, int vocab, int offset) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int s = 0; s < seqLen; s++) {
                int at = (b * len + len - seqLen + s) * vocab;
                int best = 0;
                float bestV = logits.get(at);
                for (int j = 1; j < vocab; j++) {
                    float v = logits.get(at + j);
                    if (v > bestV) { bestV = v; best = j; }
                }
                preds.set(offset + b * seqLen + s, best);
            }
        }
    }

    /** dst[offset + i] = src[i], i < n. */
    public static void copyIntAt(IntArray src, IntArray dst, int offset, int n) {
        for (@Parallel int i = 0; i < n; i++) dst.set(offset + i, src.get(i));
    }

    /** Adds each slot's puzzle row (ndim wide) over the start of its [len, D] block of x (stride = len * D). */
    public static void puzzlePrefixAdd(IntArray ids, FloatArray table, FloatArray x, int batch, int stride, int ndim, float scale) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int k = 0; k < ndim; k++) {
                int at = b * stride + k;
                x.set(at, x.get(at) + scale * table.get(ids.get(b) * ndim + k));
            }
        }
    }

    /** Each slot's puzzle-row gradient from the start of its [len, D] block of dx. */
    public static void puzzlePrefixBackward(FloatArray dx, FloatArray dSlot, int batch, int stride, int ndim, float scale) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int k = 0; k < ndim; k++) dSlot.set(b * ndim + k, scale * dx.get(b * stride + k));
        }
    }

    /** Sets flags[slot] to 1 when a holds a NaN or an infinity (every writer writes the same value). */
    public static void nonFinite(FloatArray a, IntArray flags, int slot, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            float v = a.get(i);
            if (v - v != 0.0f) flags.set(slot, 1);   // NaN - NaN and inf - inf are NaN, which differs from 0
        }
    }

    /** dst[offset + i] = src[i], i < n. */
    public static void copyAt(FloatArray src, FloatArray dst, int offset, int n) {
        for (@Parallel int i = 0; i < n; i++) dst.set(offset + i, src.get(i));
    }
}
