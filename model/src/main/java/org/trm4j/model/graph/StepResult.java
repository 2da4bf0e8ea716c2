package org.trm4j.model.graph;

/**
 * What the host reads back after one training step (one device->host copy of the metrics, one of the halted flags).
 * Metrics follow the reference's ACTLossHead: {@code count}, {@code accuracy}, {@code exactAccuracy},
 * {@code qHaltAccuracy}, {@code steps} are sums over the slots that halted in this step and have labels; the
 * losses are over all slots and unscaled (lm_loss = sum over sequences of the per-sequence mean token loss;
 * q_halt_loss = sum of the BCE terms); the objective is (lmLoss + 0.5 qHaltLoss) / globalBatchSize.
 *
 * @param step          optimizer step (t of the bias corrections), from 1
 * @param lmLoss        sum over sequences of the mean token loss (stablemax CE)
 * @param qHaltLoss     sum of BCE(q_halt, sequence exactly right)
 * @param count         halted slots with labels (the metrics' denominator)
 * @param accuracy      sum over those of their token accuracy
 * @param exactAccuracy those whose every labelled token is right
 * @param qHaltAccuracy those with (q_halt >= 0) == exact
 * @param steps         sum over those of their supervision steps
 * @param halted        per slot, after this step (these slots take new examples next step)
 * @param copiesIn      host->device copies this step made (5 after the first: batch inputs, labels, puzzle
 *                      ids, min_halt_steps, learning rates)
 * @param copiesOut     device->host copies this step made (3: metrics, halted flags, non-finite-gradient flags)
 */
public record StepResult(long step, double lmLoss, double qHaltLoss, int count, double accuracy, int exactAccuracy,
                         int qHaltAccuracy, int steps, boolean[] halted, int copiesIn, int copiesOut) {

    /** (lmLoss + 0.5 qHaltLoss) / globalBatchSize: the objective whose gradient the step took. */
    public double objective(int globalBatchSize) { return (lmLoss + 0.5 * qHaltLoss) / globalBatchSize; }
}
