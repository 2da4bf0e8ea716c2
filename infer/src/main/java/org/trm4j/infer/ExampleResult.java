package org.trm4j.infer;

/**
 * The model's outputs for one example of a {@link BatchRunner} run.
 *
 * @param index     the example's index in its {@link org.trm4j.train.data.Examples}
 * @param inputs    its input tokens [seqLen]
 * @param labels    its labels [seqLen] (-100 = not scored)
 * @param puzzleId  its puzzle identifier
 * @param preds     the argmax tokens after every supervision step: preds[step][t]
 * @param qHalt     the q-halt logit after every step
 */
public record ExampleResult(int index, int[] inputs, int[] labels, int puzzleId, int[][] preds, float[] qHalt) {

    /** Predictions after the last step (what evaluation scores, as the reference does). */
    public int[] finalPreds() { return preds[preds.length - 1]; }

    /** The q-halt logit after the last step (the reference's confidence for ARC voting). */
    public float finalQHalt() { return qHalt[qHalt.length - 1]; }

    /**
     * The step at which the model would stop with adaptive halting: the first step (1-based) whose q-halt logit is
     * positive, within the first {@code haltMaxSteps}; {@code haltMaxSteps} when none is.
     */
    public int haltingStep(int haltMaxSteps) {
        int n = Math.min(haltMaxSteps, qHalt.length);
        for (int k = 0; k < n; k++) if (qHalt[k] > 0) return k + 1;
        return n;
    }
}
