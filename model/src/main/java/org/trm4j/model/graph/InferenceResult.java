package org.trm4j.model.graph;

/**
 * What one {@link InferenceGraph#run} returns.
 *
 * @param predictions per supervision step, the argmax tokens [B, seqLen] (prefix dropped): predictions[step][b * seqLen + t]
 * @param qHalt       per step, the q_head halt logit of every slot: qHalt[step][b]
 * @param qContinue   per step, the (untrained) continue logit: qContinue[step][b]
 * @param logits      per step, the token logits [B, seqLen, V] (prefix dropped), or null when the graph was not
 *                    asked for them
 * @param copiesIn    host->device copies of this run (2 after the first run: inputs, puzzle ids)
 * @param copiesOut   device->host copies of this run (2: predictions of every step, q logits of every step)
 */
public record InferenceResult(int[][] predictions, float[][] qHalt, float[][] qContinue, float[][] logits, int copiesIn, int copiesOut) {

    /** Supervision steps run (haltMaxSteps unless asked otherwise: no early halt at evaluation). */
    public int steps() { return predictions.length; }

    /** Predictions of the last step. */
    public int[] finalPredictions() { return predictions[predictions.length - 1]; }
}
