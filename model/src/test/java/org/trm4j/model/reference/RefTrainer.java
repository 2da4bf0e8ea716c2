package org.trm4j.model.reference;

import org.trm4j.model.reference.RefOptimizer.Hyper;
import org.trm4j.model.reference.TrmReference.ActState;
import org.trm4j.model.reference.TrmReference.ActStep;
import org.trm4j.model.reference.TrmReference.Batch;
import org.trm4j.model.reference.TrmReference.Carry;
import org.trm4j.model.reference.TrmReference.Loss;
import org.trm4j.model.reference.TrmReference.Metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Training steps end to end, for comparing a device step graph against: ACT step (reset of halted
 * slots, supervision step, halting), loss and gradients, then the optimizers and the EMA.
 *
 * <pre>{@code
 * var hyper = RefOptimizer.Hyper.constant(1e-4, 1e-4, 1.0, 1.0, B);
 * List<RefTrainer.StepRecord> recs = RefTrainer.runSteps(cfg, params, batches, minHaltSteps, hyper);
 * recs.get(k).grads()       // gradients of step k+1, before its update
 * recs.get(k).paramsAfter() // parameters after step k+1's update
 * }</pre>
 */
public final class RefTrainer {

    /**
     * One training step.  {@code step} counts from 1; lr/puzzleLr are the rates used; reset = slots that took
     * a new example before the step; current = the data each slot worked on; steps/halted after the step;
     * logits [B, seqLen, V]; carry = new (z_H, z_L); grads = d(total/globalBatch) before the update
     * (puzzle_emb dense [numIds, ndim]; puzzleSlotGrads [B, ndim]); paramsAfter / emaAfter = copies after
     * the update (emaAfter null without EMA).
     */
    public record StepRecord(int step, double lr, double puzzleLr, boolean[] reset, Batch current,
                             int[] steps, boolean[] halted, double[] logits, double[] qHalt, double[] qContinue,
                             Loss loss, Metrics metrics, Carry entry, Carry carry,
                             Map<String, double[]> grads, double[] puzzleSlotGrads,
                             Map<String, double[]> paramsAfter, Map<String, double[]> emaAfter) {}

    private final RefConfig cfg;
    private final Hyper hyper;
    private final Map<String, double[]> params;
    private final ActState state;
    private final RefOptimizer optimizer;
    private int step;

    /** Starts from a copy of {@code initialParams}, all slots halted. */
    public RefTrainer(RefConfig cfg, Map<String, double[]> initialParams, int batchSize, Hyper hyper) {
        this.cfg = cfg;
        this.hyper = hyper;
        this.params = RefParams.copy(initialParams);
        RefParams.check(cfg, params);
        this.state = new ActState(cfg, batchSize);
        this.optimizer = new RefOptimizer(cfg, params, hyper);
    }

    /** Live parameters (updated in place by each step). */
    public Map<String, double[]> params() { return params; }

    public ActState state() { return state; }

    public RefOptimizer optimizer() { return optimizer; }

    /** One training step; minHaltSteps may be null (no exploration). */
    public StepRecord step(Batch incoming, int[] minHaltSteps) {
        step++;
        TrmReference model = new TrmReference(cfg, params);
        ActStep a = model.actStep(state, incoming, minHaltSteps, hyper.training(), hyper.lossType(), hyper.globalBatchSize());
        double lr = RefOptimizer.lrAt(step, hyper.lr(), hyper.warmupSteps(), hyper.totalSteps(), hyper.lrMinRatio());
        double puzzleLr = RefOptimizer.lrAt(step, hyper.puzzleEmbLr(), hyper.warmupSteps(), hyper.totalSteps(), hyper.lrMinRatio());
        Map<String, double[]> grads = RefParams.copy(a.out().grads);
        optimizer.step(params, a.out().grads, a.current().puzzleIds(), lr, puzzleLr);
        return new StepRecord(step, lr, puzzleLr, a.reset(), a.current(), a.steps(), a.halted(),
                a.out().logits, a.out().qHalt, a.out().qContinue, a.out().loss, a.metrics(), a.out().entry, a.out().carry,
                grads, a.out().puzzleSlotGrads, RefParams.copy(params),
                optimizer.ema() == null ? null : RefParams.copy(optimizer.ema()));
    }

    /**
     * K training steps from {@code initialParams} (copied, not changed): step k uses batches.get(k) (a full
     * batch of B; halted slots take their row) and minHaltSteps.get(k) (null list or entry: no exploration).
     */
    public static List<StepRecord> runSteps(RefConfig cfg, Map<String, double[]> initialParams, List<Batch> batches,
                                            List<int[]> minHaltSteps, Hyper hyper) {
        RefTrainer trainer = new RefTrainer(cfg, initialParams, batches.get(0).size(), hyper);
        List<StepRecord> out = new ArrayList<>();
        for (int k = 0; k < batches.size(); k++)
            out.add(trainer.step(batches.get(k), minHaltSteps == null ? null : minHaltSteps.get(k)));
        return out;
    }

    /** Same, from float32 parameters (e.g. the model module's initialisation). */
    public static List<StepRecord> runStepsFromFloat(RefConfig cfg, Map<String, float[]> initialParams, List<Batch> batches,
                                                     List<int[]> minHaltSteps, Hyper hyper) {
        return runSteps(cfg, RefParams.fromFloat(initialParams), batches, minHaltSteps, hyper);
    }
}
