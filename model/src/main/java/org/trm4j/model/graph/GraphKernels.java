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
    public static void copyAt(FloatArray src, FloatArray dst, int offset, int n) {
        for (@Parallel int i = 0; i < n; i++) dst.set(offset + i, src.get(i));
    }
}
