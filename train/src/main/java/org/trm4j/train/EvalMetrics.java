package org.trm4j.train;

import org.trm4j.kernels.Losses;

/**
 * The reference's evaluation metrics, summed over examples: exact accuracy (every scored token right), token
 * accuracy (per example, the fraction of its scored tokens that are right; averaged over examples, as the
 * reference's {@code accuracy}), q-halt accuracy ({@code q_halt >= 0} at the last step agrees with "exactly right")
 * and the mean halting step. Examples without any scored token (all labels -100) are not counted, as in the
 * reference. The trainer's {@link Evaluator} and infer's evaluation both score with it.
 */
public final class EvalMetrics {
    private long count, exact, qHaltRight;
    private double tokenAccuracy, haltSteps;

    /**
     * Adds one example: labels and last-step predictions [len] (read from {@code offset}), its halting step and its
     * last step's q-halt logit.
     */
    public void add(int[] labels, int[] preds, int offset, int len, int haltingStep, float finalQHalt) {
        int scored = 0, right = 0;
        for (int t = offset; t < offset + len; t++) {
            if (labels[t] == Losses.IGNORE) continue;
            scored++;
            if (preds[t] == labels[t]) right++;
        }
        if (scored == 0) return;
        count++;
        boolean all = right == scored;
        if (all) exact++;
        if ((finalQHalt >= 0) == all) qHaltRight++;
        tokenAccuracy += (double) right / scored;
        haltSteps += haltingStep;
    }

    /** {@link #add(int[], int[], int, int, int, float)} of whole arrays. */
    public void add(int[] labels, int[] preds, int haltingStep, float finalQHalt) {
        if (labels.length != preds.length) throw new IllegalArgumentException("labels and predictions differ in length");
        add(labels, preds, 0, labels.length, haltingStep, finalQHalt);
    }

    /** Examples counted. */
    public long count() { return count; }

    /** Examples entirely right. */
    public long exactCount() { return exact; }

    public double exactAccuracy() { return count == 0 ? 0 : (double) exact / count; }

    public double tokenAccuracy() { return count == 0 ? 0 : tokenAccuracy / count; }

    public double qHaltAccuracy() { return count == 0 ? 0 : (double) qHaltRight / count; }

    public double meanHaltingStep() { return count == 0 ? 0 : haltSteps / count; }
}
