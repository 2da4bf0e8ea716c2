package org.trm4j.model.graph;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/**
 * The few kernels the step graphs need beyond org.trm4j.kernels, all {@code @Parallel} (no grid needed):
 * <pre>
 *   adamAtan2  like Optimizers.adamAtan2, with lr, bc1, bc2 read from the device array {@code rates}
 *              (rates = [lr, bc1, bc2, puzzleLr], uploaded each step), so a new learning rate or step
 *              count does not rebuild the graph; same float arithmetic in the same order.
 *   signSgd    like Optimizers.signSgd with lr = rates[3].
 *   argmax     preds[offset + b*seqLen + s] = first argmax over V of logits[b, prefix + s]
 *              (logits [B, len, V], len = prefix + seqLen): the token predictions, prefix dropped.
 *   copyAt     dst[offset + i] = src[i], i < n (one supervision step's q logits into the per-step array).
 * </pre>
 */
public final class GraphKernels {
    private GraphKernels() {}

    /** Index of lr in the rates array. */
    public static final int LR = 0, BC1 = 1, BC2 = 2, PUZZLE_LR = 3, RATES = 4;

    /** One AdamATan2 step on n elements; lr, bc1, bc2 from {@code rates} (see {@link #LR}). */
    public static void adamAtan2(FloatArray p, FloatArray g, FloatArray m, FloatArray v, int n, FloatArray rates,
                                 float beta1, float beta2, float weightDecay) {
        for (@Parallel int i = 0; i < n; i++) {
            float lr = rates.get(0);
            float bc1 = rates.get(1);
            float bc2 = rates.get(2);
            float gi = g.get(i);
            float pi = p.get(i) * (1.0f - lr * weightDecay);
            float mi = m.get(i);
            mi = mi + (1.0f - beta1) * (gi - mi);
            float vi = v.get(i);
            vi = vi + (1.0f - beta2) * (gi * gi - vi);
            m.set(i, mi);
            v.set(i, vi);
            float denom = KernelMath.sqrt(vi) / KernelMath.sqrt(bc2);
            p.set(i, pi - (lr / bc1) * KernelMath.atan2(mi, denom));
        }
    }

    /** Sign-SGD on the puzzle rows of the batch (repeated ids: gradients summed in slot order), lr = rates[3]. */
    public static void signSgd(FloatArray weights, FloatArray slotGrad, IntArray ids, int batch, int dim, FloatArray rates, float weightDecay) {
        for (@Parallel int b = 0; b < batch; b++) {
            float lr = rates.get(3);
            int id = ids.get(b);
            boolean first = true;
            for (int j = 0; j < b; j++) if (ids.get(j) == id) first = false;
            if (first) {
                for (int d = 0; d < dim; d++) {
                    float sum = 0.0f;
                    for (int j = b; j < batch; j++) if (ids.get(j) == id) sum += slotGrad.get(j * dim + d);
                    float sign = sum > 0.0f ? 1.0f : (sum < 0.0f ? -1.0f : 0.0f);
                    int at = id * dim + d;
                    weights.set(at, weights.get(at) * (1.0f - lr * weightDecay) - lr * sign);
                }
            }
        }
    }

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
