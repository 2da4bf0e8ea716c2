package org.trm4j.kernels;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/**
 * Losses and metrics of TRM's ACT loss head, computed in DOUBLE inside the kernels.
 *
 * <p>Layouts: {@code logits} [B, len, V] (lm_head over all len = prefix + seqLen positions; the first
 * prefix = len - seqLen rows of each sequence are skipped; pass len == seqLen when lm_head ran on the
 * token rows only); {@code labels} [B, seqLen], IGNORE = -100; per-slot outputs [B];
 * {@code q} [B, 2] = q_head output (column 0 = halt logit, column 1 = continue logit, not trained).
 * <pre>
 *   stablemax   s(x) = x + 1 (x >= 0), 1 / (1 - x) (x < 0);  logp_y = log(s(x_y) / sum_j s(x_j))
 *               d(-logp_y)/dx_j = s'(x_j) / sum s - [j == y] s'(x_y) / s(x_y),  s'(x) = 1 or 1/(1-x)^2
 *   softmax     logp_y = x_y - logsumexp(x);   d/dx_j = softmax_j - [j == y]
 *   per slot    count_b = #labelled tokens;  seqLoss_b = factor * sum_tokens(-logp) / max(count_b, 1)
 *               (lm_loss = sum_b seqLoss_b; factor = 1 for the metric, 1/global_batch for the objective)
 *   backward    dLogits[b, t] = factor / max(count_b, 1) * d(-logp)/dx   (0 on prefix and ignored rows)
 *   metrics     correct_b = #labelled tokens whose argmax (first max) == label; exact_b = correct_b == count_b
 *   q halt      t_b = exact_b;  bce = max(x, 0) - x t + log(1 + exp(-|x|));  d/dx = sigmoid(x) - t
 *               qHaltBackward writes dq[b, 0] = weight * (sigmoid(x) - t), dq[b, 1] = 0
 *               (weight = 0.5 / global_batch for total = lm_loss + 0.5 q_halt_loss)
 * </pre>
 * Order: tokenMetrics (gives count/correct/exact) before the loss kernels' backward and the q-halt
 * kernels; the loss forward also writes count.
 *
 * <table>
 * <caption>Kernels (all @Parallel except summary, which runs as one work-item: no grid needed)</caption>
 * <tr><td>stablemaxForward(logits, labels, seqLoss, count, batch, seqLen, len, vocab, factor)</td><td>seqLoss (double), count</td></tr>
 * <tr><td>stablemaxBackward(logits, labels, count, dLogits, batch, seqLen, len, vocab, factor)</td><td>dLogits [B, len, V] written</td></tr>
 * <tr><td>softmaxForward(...same as stablemaxForward)</td><td></td></tr>
 * <tr><td>softmaxBackward(...same as stablemaxBackward)</td><td></td></tr>
 * <tr><td>tokenMetrics(logits, labels, correct, count, exact, batch, seqLen, len, vocab)</td><td>per slot ints</td></tr>
 * <tr><td>qHaltForward(q, exact, qLoss, batch)</td><td>qLoss [B] double (unscaled BCE)</td></tr>
 * <tr><td>qHaltBackward(q, exact, dq, batch, weight)</td><td>dq [B, 2] written</td></tr>
 * <tr><td>summary(halted, count, correct, exact, q, steps, seqLoss, qLoss, out, batch)</td>
 *     <td>out [7] double: valid count, accuracy sum, exact, q_halt_accuracy, steps, lm_loss, q_halt_loss</td></tr>
 * </table>
 * summary follows the reference: metrics 0..4 over halted slots with labels (valid), losses over all slots.
 */
public final class Losses {
    private Losses() {}

    /** The label of padded/ignored tokens. */
    public static final int IGNORE = -100;

    private static double stable(double x) {
        return x >= 0.0 ? x + 1.0 : 1.0 / (1.0 - x);
    }

    /** s'(x) / 1: the derivative of s. */
    private static double stableGrad(double x) {
        if (x >= 0.0) return 1.0;
        double d = 1.0 - x;
        return 1.0 / (d * d);
    }

    /** -log(s(x_y) / sum_j s(x_j)) of logits row {@code at}. */
    private static double stablemaxNll(FloatArray logits, int at, int vocab, int label) {
        double sum = 0.0;
        for (int j = 0; j < vocab; j++) sum += stable(logits.get(at + j));
        return -Math.log(stable(logits.get(at + label)) / sum);
    }

    /** logsumexp(x) - x_y of logits row {@code at}. */
    private static double softmaxNll(FloatArray logits, int at, int vocab, int label) {
        double max = logits.get(at);
        for (int j = 1; j < vocab; j++) max = Math.max(max, (double) logits.get(at + j));
        double sum = 0.0;
        for (int j = 0; j < vocab; j++) sum += Math.exp(logits.get(at + j) - max);
        return max + Math.log(sum) - logits.get(at + label);
    }

    /** seqLoss[b] = factor * mean over labelled tokens of the stablemax NLL; count[b] = labelled tokens. */
    public static void stablemaxForward(FloatArray logits, IntArray labels, DoubleArray seqLoss, IntArray count,
                                        int batch, int seqLen, int len, int vocab, float factor) {
        for (@Parallel int b = 0; b < batch; b++) forwardSlot(logits, labels, seqLoss, count, b, seqLen, len, vocab, factor, true);
    }

    /** dLogits = factor / max(count_b, 1) * d(stablemax NLL)/dlogits on labelled rows, 0 elsewhere. */
    public static void stablemaxBackward(FloatArray logits, IntArray labels, IntArray count, FloatArray dLogits,
                                         int batch, int seqLen, int len, int vocab, float factor) {
        for (@Parallel int b = 0; b < batch; b++)
            for (@Parallel int t = 0; t < len; t++) backwardRow(logits, labels, count, dLogits, b, t, seqLen, len, vocab, factor, true);
    }

    /** Like {@link #stablemaxForward} with softmax cross-entropy. */
    public static void softmaxForward(FloatArray logits, IntArray labels, DoubleArray seqLoss, IntArray count,
                                      int batch, int seqLen, int len, int vocab, float factor) {
        for (@Parallel int b = 0; b < batch; b++) forwardSlot(logits, labels, seqLoss, count, b, seqLen, len, vocab, factor, false);
    }

    /** Like {@link #stablemaxBackward} with softmax cross-entropy: w * (softmax - onehot). */
    public static void softmaxBackward(FloatArray logits, IntArray labels, IntArray count, FloatArray dLogits,
                                       int batch, int seqLen, int len, int vocab, float factor) {
        for (@Parallel int b = 0; b < batch; b++)
            for (@Parallel int t = 0; t < len; t++) backwardRow(logits, labels, count, dLogits, b, t, seqLen, len, vocab, factor, false);
    }

    /**
     * Slot b of the loss forward kernels (inlined; {@code stablemax} picks the NLL): count[b] = labelled
     * tokens, seqLoss[b] = factor * their summed NLL / max(count, 1).
     */
    private static void forwardSlot(FloatArray logits, IntArray labels, DoubleArray seqLoss, IntArray count,
                                    int b, int seqLen, int len, int vocab, float factor, boolean stablemax) {
        int prefix = len - seqLen;
        double loss = 0.0;
        int n = 0;
        for (int s = 0; s < seqLen; s++) {
            int label = labels.get(b * seqLen + s);
            if (label != IGNORE) {
                n++;
                int at = (b * len + prefix + s) * vocab;
                loss += stablemax ? stablemaxNll(logits, at, vocab, label) : softmaxNll(logits, at, vocab, label);
            }
        }
        count.set(b, n);
        seqLoss.set(b, (double) factor * loss / Math.max(n, 1));
    }

    /**
     * Logits row (b, t) of the loss backward kernels (inlined; {@code stablemax} picks the gradient):
     * zeros on prefix and ignored rows, else factor / max(count_b, 1) * d(NLL)/dlogits.
     */
    private static void backwardRow(FloatArray logits, IntArray labels, IntArray count, FloatArray dLogits,
                                    int b, int t, int seqLen, int len, int vocab, float factor, boolean stablemax) {
        int prefix = len - seqLen;
        int at = (b * len + t) * vocab;
        int label = t >= prefix ? labels.get(b * seqLen + t - prefix) : IGNORE;
        if (label == IGNORE) {
            for (int j = 0; j < vocab; j++) dLogits.set(at + j, 0.0f);
        } else {
            double w = (double) factor / Math.max(count.get(b), 1);
            if (stablemax) stablemaxGrad(logits, dLogits, at, vocab, label, w);
            else softmaxGrad(logits, dLogits, at, vocab, label, w);
        }
    }

    /** dLogits row at = w * (s'(x_j) / sum s - [j == y] s'(x_y) / s(x_y)). */
    private static void stablemaxGrad(FloatArray logits, FloatArray dLogits, int at, int vocab, int label, double w) {
        double sum = 0.0;
        for (int j = 0; j < vocab; j++) sum += stable(logits.get(at + j));
        double xy = logits.get(at + label);
        double gy = stableGrad(xy) / stable(xy);
        for (int j = 0; j < vocab; j++) {
            double g = stableGrad(logits.get(at + j)) / sum;
            if (j == label) g -= gy;
            dLogits.set(at + j, (float) (w * g));
        }
    }

    /** dLogits row at = w * (softmax_j - [j == y]). */
    private static void softmaxGrad(FloatArray logits, FloatArray dLogits, int at, int vocab, int label, double w) {
        double max = logits.get(at);
        for (int j = 1; j < vocab; j++) max = Math.max(max, (double) logits.get(at + j));
        double sum = 0.0;
        for (int j = 0; j < vocab; j++) sum += Math.exp(logits.get(at + j) - max);
        for (int j = 0; j < vocab; j++) {
            double g = Math.exp(logits.get(at + j) - max) / sum;
            if (j == label) g -= 1.0;
            dLogits.set(at + j, (float) (w * g));
        }
    }

    /** Per slot: correct (labelled tokens predicted right by argmax), count (labelled tokens), exact (all right). */
    public static void tokenMetrics(FloatArray logits, IntArray labels, IntArray correct, IntArray count, IntArray exact,
                                    int batch, int seqLen, int len, int vocab) {
        for (@Parallel int b = 0; b < batch; b++) {
            int prefix = len - seqLen;
            int n = 0;
            int ok = 0;
            for (int s = 0; s < seqLen; s++) {
                int label = labels.get(b * seqLen + s);
                if (label != IGNORE) {
                    n++;
                    int at = (b * len + prefix + s) * vocab;
                    int best = 0;
                    float bestV = logits.get(at);
                    for (int j = 1; j < vocab; j++) {
                        float v = logits.get(at + j);
                        if (v > bestV) { bestV = v; best = j; }
                    }
                    if (best == label) ok++;
                }
            }
            correct.set(b, ok);
            count.set(b, n);
            exact.set(b, ok == n ? 1 : 0);
        }
    }

    /** qLoss[b] = BCE-with-logits(q[b, 0], exact[b]). */
    public static void qHaltForward(FloatArray q, IntArray exact, DoubleArray qLoss, int batch) {
        for (@Parallel int b = 0; b < batch; b++) {
            double x = q.get(2 * b);
            double t = exact.get(b) != 0 ? 1.0 : 0.0;
            qLoss.set(b, Math.max(x, 0.0) - x * t + Math.log(1.0 + Math.exp(-Math.abs(x))));
        }
    }

    /** dq[b, 0] = weight * (sigmoid(q[b, 0]) - exact[b]); dq[b, 1] = 0. */
    public static void qHaltBackward(FloatArray q, IntArray exact, FloatArray dq, int batch, float weight) {
        for (@Parallel int b = 0; b < batch; b++) {
            double x = q.get(2 * b);
            double t = exact.get(b) != 0 ? 1.0 : 0.0;
            double sig = 1.0 / (1.0 + Math.exp(-x));
            dq.set(2 * b, (float) (weight * (sig - t)));
            dq.set(2 * b + 1, 0.0f);
        }
    }

    /**
     * The step's metrics (one work-item): out[0] valid slots (halted with labels), out[1] sum of their
     * token accuracies, out[2] exact, out[3] q_halt accuracy ((q >= 0) == exact), out[4] steps,
     * out[5] lm_loss = sum seqLoss, out[6] q_halt_loss = sum qLoss (the losses over all slots).
     */
    public static void summary(IntArray halted, IntArray count, IntArray correct, IntArray exact, FloatArray q, IntArray steps,
                               DoubleArray seqLoss, DoubleArray qLoss, DoubleArray out, int batch) {
        double valid = 0, acc = 0, ex = 0, qacc = 0, st = 0, lm = 0, ql = 0;
        for (int b = 0; b < batch; b++) {
            lm += seqLoss.get(b);
            ql += qLoss.get(b);
            int n = count.get(b);
            if (halted.get(b) != 0 && n > 0) {
                valid += 1;
                acc += (double) correct.get(b) / n;
                boolean e = exact.get(b) != 0;
                if (e) ex += 1;
                if ((q.get(2 * b) >= 0.0f) == e) qacc += 1;
                st += steps.get(b);
            }
        }
        out.set(0, valid);
        out.set(1, acc);
        out.set(2, ex);
        out.set(3, qacc);
        out.set(4, st);
        out.set(5, lm);
        out.set(6, ql);
    }
}
