package org.trm4j.train;

import org.trm4j.model.graph.TrainingHyper;

/**
 * Everything a training run is set up with besides the model and the data: batch and micro-batch, length,
 * evaluation and checkpoint cadence, and the optimizer hyper-parameters (the reference's pretrain config names in
 * the comments). Saved in every checkpoint, so a resumed run continues with the same settings.
 *
 * @param batch                global batch B (global_batch_size)
 * @param microBatch           slots per gradient-accumulation group (a divisor of B; B = no accumulation)
 * @param totalSteps           optimizer steps of the whole run (the schedule's num_training_steps)
 * @param evalEvery            steps between evaluations (0 = only at the end; no test split = never)
 * @param checkpointEvery      steps between checkpoints (0 = only at the end)
 * @param evalMax              test examples per evaluation at most (0 = all)
 * @param lr                   lr
 * @param warmup               lr_warmup_steps
 * @param lrMinRatio           lr_min_ratio
 * @param weightDecay          weight_decay
 * @param puzzleEmbLr          puzzle_emb_lr
 * @param puzzleEmbWeightDecay puzzle_emb_weight_decay
 * @param emaRate              ema_rate, 0 = no EMA (ema: False)
 * @param seed                 seed of the data order and the halting exploration
 * @param stablemax            stablemax cross-entropy (the reference's loss) or softmax
 */
public record TrainSettings(int batch, int microBatch, long totalSteps, long evalEvery, long checkpointEvery, int evalMax,
                            double lr, int warmup, double lrMinRatio, double weightDecay, double puzzleEmbLr,
                            double puzzleEmbWeightDecay, double emaRate, long seed, boolean stablemax) {
    public TrainSettings {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (microBatch < 1 || batch % microBatch != 0)
            throw new IllegalArgumentException("--micro-batch must divide --batch " + batch + ", got " + microBatch);
        if (totalSteps < 1 || totalSteps > Integer.MAX_VALUE) throw new IllegalArgumentException("--steps must be in 1.." + Integer.MAX_VALUE + ", got " + totalSteps);
        if (evalEvery < 0 || checkpointEvery < 0 || evalMax < 0) throw new IllegalArgumentException("--eval-every, --checkpoint-every and --eval-max must be >= 0");
        if (!(lr >= 0) || !(puzzleEmbLr >= 0) || !(weightDecay >= 0) || !(puzzleEmbWeightDecay >= 0))
            throw new IllegalArgumentException("learning rates and weight decays must be >= 0");
        if (warmup < 0) throw new IllegalArgumentException("--lr-warmup must be >= 0, got " + warmup);
        if (!(lrMinRatio >= 0 && lrMinRatio <= 1)) throw new IllegalArgumentException("--lr-min-ratio must be in [0, 1], got " + lrMinRatio);
        if (!(emaRate >= 0 && emaRate < 1)) throw new IllegalArgumentException("--ema must be in [0, 1) (0 = no EMA), got " + emaRate);
    }

    /** The step graph's hyper-parameters (betas 0.9 / 0.95 as the reference). */
    public TrainingHyper hyper() {
        return new TrainingHyper(lr, puzzleEmbLr, weightDecay, puzzleEmbWeightDecay, 0.9, 0.95, warmup, (int) totalSteps, lrMinRatio,
                emaRate, batch, stablemax, seed);
    }

    public boolean ema() { return emaRate > 0; }

    /** The same settings for a run of {@code steps} steps in all. */
    public TrainSettings withTotalSteps(long steps) {
        return new TrainSettings(batch, microBatch, steps, evalEvery, checkpointEvery, evalMax, lr, warmup, lrMinRatio, weightDecay,
                puzzleEmbLr, puzzleEmbWeightDecay, emaRate, seed, stablemax);
    }
}
