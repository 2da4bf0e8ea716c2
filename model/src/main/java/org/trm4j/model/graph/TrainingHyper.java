package org.trm4j.model.graph;

/**
 * Hyper-parameters of training (TRM-SPEC.md section 5). Fixed ones are baked into the graph; the learning
 * rates of each step come from {@link #lrAt}/{@link #puzzleLrAt} and travel to the device as a 4-float array.
 *
 * @param lr                   AdamATan2 base rate
 * @param puzzleEmbLr          sign-SGD base rate of the puzzle embedding
 * @param weightDecay          AdamATan2 decoupled weight decay
 * @param puzzleEmbWeightDecay sign-SGD weight decay
 * @param beta1                0.9
 * @param beta2                0.95
 * @param warmupSteps          linear warm-up (2000 in the reference; 0 = none)
 * @param totalSteps           end of the cosine schedule
 * @param lrMinRatio           cosine floor (1.0 in the reference: constant after warm-up)
 * @param emaRate              EMA rate (0.999); <= 0: no EMA in the graph
 * @param globalBatchSize      gradients are of total / globalBatchSize
 * @param stablemax            stablemax cross-entropy (the reference's default) or softmax
 * @param explorationSeed      seed of the host RNG that draws min_halt_steps (exploration)
 */
public record TrainingHyper(double lr, double puzzleEmbLr, double weightDecay, double puzzleEmbWeightDecay,
                            double beta1, double beta2, int warmupSteps, int totalSteps, double lrMinRatio,
                            double emaRate, int globalBatchSize, boolean stablemax, long explorationSeed) {

    public TrainingHyper {
        if (globalBatchSize < 1) throw new IllegalArgumentException("globalBatchSize must be >= 1, got " + globalBatchSize);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("betas must be in [0, 1)");
    }

    /** Constant rates (no warm-up), betas 0.9/0.95, EMA 0.999, stablemax. */
    public static TrainingHyper constant(double lr, double puzzleEmbLr, double weightDecay, double puzzleEmbWeightDecay, int globalBatchSize) {
        return new TrainingHyper(lr, puzzleEmbLr, weightDecay, puzzleEmbWeightDecay, 0.9, 0.95, 0, 1, 1.0, 0.999,
                globalBatchSize, true, 0);
    }

    /** The rates of every timed step (`trm model step-bench`, `trm bench`, JMH): constant, so steps are the same work. */
    public static TrainingHyper timing(int globalBatchSize) { return constant(1e-4, 1e-2, 1.0, 1.0, globalBatchSize); }

    /** The reference's Sudoku/Maze settings: lr 1e-4 both, weight decay 1.0 both, warm-up 2000 steps, constant after. */
    public static TrainingHyper reference(int globalBatchSize, int totalSteps) {
        return new TrainingHyper(1e-4, 1e-4, 1.0, 1.0, 0.9, 0.95, 2000, totalSteps, 1.0, 0.999, globalBatchSize, true, 0);
    }

    public TrainingHyper withEmaRate(double rate) {
        return new TrainingHyper(lr, puzzleEmbLr, weightDecay, puzzleEmbWeightDecay, beta1, beta2, warmupSteps, totalSteps,
                lrMinRatio, rate, globalBatchSize, stablemax, explorationSeed);
    }

    public TrainingHyper withExplorationSeed(long seed) {
        return new TrainingHyper(lr, puzzleEmbLr, weightDecay, puzzleEmbWeightDecay, beta1, beta2, warmupSteps, totalSteps,
                lrMinRatio, emaRate, globalBatchSize, stablemax, seed);
    }

    public boolean ema() { return emaRate > 0; }

    /** AdamATan2 rate at optimizer step {@code step} (from 1). */
    public double lrAt(long step) { return schedule(step, lr); }

    /** Sign-SGD rate at optimizer step {@code step}. */
    public double puzzleLrAt(long step) { return schedule(step, puzzleEmbLr); }

    /** The reference's cosine_schedule_with_warmup_lr_lambda. */
    private double schedule(long step, double base) {
        if (step < warmupSteps) return base * step / Math.max(1, warmupSteps);
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return base * (lrMinRatio + Math.max(0.0, (1 - lrMinRatio) * 0.5 * (1.0 + Math.cos(Math.PI * progress))));
    }
}
