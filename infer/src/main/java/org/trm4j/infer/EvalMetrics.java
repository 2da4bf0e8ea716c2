package org.trm4j.infer;

import org.trm4j.kernels.Losses;

/**
 * The reference's evaluation metrics, summed over examples: exact accuracy (every scored token right), token
 * accuracy (per example, the fraction of its scored tokens that are right; averaged over examples, as the
 * reference's {@code accuracy}), and the mean halting step ({@link ExampleResult#haltingStep}). Examples without
 * any scored token (all labels -100) are not counted, as in the reference.
 */
public final class EvalMetrics {
    private long count, exact;
    private double tokenAccuracy, haltSteps;

    /** Adds one example: labels and predictions [len], and its halting step. */
    public void add(int[] labels, int[] preds, int haltingStep) {
        if (labels.length != preds.length) throw new IllegalArgumentException("labels and predictions differ in length");
        int scored = 0, right = 0;
        for (int t = 0; t < labels.length; t++) {
            if (labels[t] == Losses.IGNORE) continue;
            scored++;
            if (preds[t] == labels[t]) right++;
        }
        if (scored == 0) return;
        count++;
        if (right == scored) exact++;
        tokenAccuracy += (double) right / scored;
        haltSteps += haltingStep;
    }

    /** Examples counted. */
    public long count() { return count; }

    /** Examples entirely right. */
    public long exactCount() { return exact; }

    public double exactAccuracy() { return count == 0 ? 0 : (double) exact / count; }

    public double tokenAccuracy() { return count == 0 ? 0 : tokenAccuracy / count; }

    public double meanHaltingStep() { return count == 0 ? 0 : haltSteps / count; }
}
