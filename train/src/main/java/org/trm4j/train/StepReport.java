package org.trm4j.train;

/**
 * One training step as reported (the reference's reduced metrics: losses per example of the batch, the rest over
 * the sequences that halted in this step).
 *
 * @param step           optimizer step, from 1
 * @param totalSteps     steps of the whole run
 * @param lr             the AdamATan2 rate of this step
 * @param loss           (lm_loss + 0.5 q_halt_loss) / B: the objective
 * @param lmLoss         lm_loss / B
 * @param qHaltLoss      q_halt_loss / B
 * @param halted         sequences that halted in this step (the metrics' count)
 * @param accuracy       mean token accuracy of those
 * @param exactAccuracy  fraction of those exactly right
 * @param qHaltAccuracy  fraction of those whose halt decision matched being right
 * @param meanSteps      their mean supervision steps
 * @param stepSeconds    wall time of this step
 * @param puzzlesPerSecond batch / step time
 * @param elapsedSeconds training time so far (resumed runs include the earlier part)
 */
public record StepReport(long step, long totalSteps, double lr, double loss, double lmLoss, double qHaltLoss, int halted,
                         double accuracy, double exactAccuracy, double qHaltAccuracy, double meanSteps, double stepSeconds,
                         double puzzlesPerSecond, double elapsedSeconds) {}
