package org.trm4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.trm4j.api.Device;
import org.trm4j.model.Parameters;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.StepResult;
import org.trm4j.model.graph.TrainingStepGraph;
import org.trm4j.train.data.Examples;

/**
 * The training loop of the reference's pretrain.py on one device: a batch per step, one supervision step for every
 * slot of the ACT carry ({@link TrainingStepGraph}: exploration, AdamATan2 + sign-SGD, warm-up + cosine schedule,
 * EMA, gradient accumulation over micro-batches), evaluation with the EMA weights every K steps, checkpoints every
 * N steps and at the end. A NaN or infinity in the loss or a gradient stops the run ({@link NonFiniteException})
 * without writing a checkpoint, so the last good one stays. A run resumed from its checkpoint
 * ({@link #resume}) continues exactly as the uninterrupted run (bit for bit where the device is deterministic, as
 * {@code java} is).
 */
public final class Trainer implements AutoCloseable {
    /** Training stopped on a NaN or an infinity; the message names the step and the tensor. */
    public static final class NonFiniteException extends RuntimeException {
        NonFiniteException(String m) { super(m); }
    }

    /** How {@link #run} ended. */
    public enum Outcome { FINISHED, STOPPED }

    private final Parameters params;
    private final TrainSettings settings;
    private final Device device;
    private final BatchSource source;
    private final Examples test;
    private final Path runDir;
    private final TrainerOutput out;
    private final TrainingStepGraph graph;
    private final double elapsedBefore;
    private double elapsed;
    /** Step times of this process after its first step (the first compiles the kernels). */
    private final java.util.List<Double> stepTimes = new java.util.ArrayList<>();
    private boolean firstStepDone;
    private long lastSaved = -1, lastEvaluated = -1;

    /**
     * A new run from {@code params} (initialised or loaded weights; optimizer state and EMA start fresh unless
     * {@code params} carries them). {@code test} may be null (no evaluation), {@code runDir} null (no checkpoints).
     */
    public Trainer(Parameters params, TrainSettings settings, Device device, BatchSource source, Examples test, Path runDir,
                   TrainerOutput out) {
        this(params, settings, device, source, test, runDir, out, null);
    }

    private Trainer(Parameters params, TrainSettings settings, Device device, BatchSource source, Examples test, Path runDir,
                    TrainerOutput out, RunCheckpoint.State resumed) {
        this.params = params;
        this.settings = settings;
        this.device = device;
        this.source = source;
        this.test = test;
        this.runDir = runDir;
        this.out = out;
        this.graph = new TrainingStepGraph(params, settings.batch(), settings.microBatch(), settings.hyper(), device);
        if (resumed != null) {
            graph.restoreCarry(resumed.carry());
            graph.exploration().setState(resumed.explorationState());
            source.seek(resumed.dataPosition());
            elapsedBefore = resumed.elapsedSeconds();
            lastSaved = step();
        } else elapsedBefore = 0;
        elapsed = elapsedBefore;
    }

    /** Continues the run saved in {@code state} (its settings, with {@code totalSteps} possibly extended). */
    public static Trainer resume(RunCheckpoint.State state, TrainSettings settings, Device device, BatchSource source, Examples test,
                                 Path runDir, TrainerOutput out) {
        return new Trainer(state.params(), settings, device, source, test, runDir, out, state);
    }

    /** Optimizer steps taken so far. */
    public long step() { return params.optimizerState().step(); }

    /**
     * Trains until the run's total steps, or until {@code stop} says so (checked between steps; a checkpoint is saved
     * then). Ends with a checkpoint and an evaluation unless the last step had them.
     */
    public Outcome run(BooleanSupplier stop) {
        int b = settings.batch();
        while (step() < settings.totalSteps()) {
            if (stop.getAsBoolean()) {
                if (lastSaved != step()) {
                    out.message("stop requested: saving a checkpoint at step " + step());
                    saveCheckpoint();
                } else out.message("stop requested: the checkpoint of step " + step() + " is saved");
                return Outcome.STOPPED;
            }
            Batch batch = source.next();
            long t0 = System.nanoTime();
            StepResult r = graph.step(batch);
            double sec = (System.nanoTime() - t0) / 1e9;
            elapsed += sec;
            if (firstStepDone) stepTimes.add(sec);
            firstStepDone = true;
            checkFinite(r);
            int n = Math.max(1, r.count());
            out.step(new StepReport(r.step(), settings.totalSteps(), settings.hyper().lrAt(r.step()), r.objective(b), r.lmLoss() / b,
                    r.qHaltLoss() / b, r.count(), r.accuracy() / n, (double) r.exactAccuracy() / n, (double) r.qHaltAccuracy() / n,
                    (double) r.steps() / n, sec, b / sec, elapsed));
            if (settings.evalEvery() > 0 && r.step() % settings.evalEvery() == 0) evaluate();
            if (settings.checkpointEvery() > 0 && r.step() % settings.checkpointEvery() == 0) saveCheckpoint();
        }
        boolean stopping = stop.getAsBoolean();   // interrupted during the last step: save, skip the evaluation
        if (!stopping && lastEvaluated != step()) evaluate();
        if (lastSaved != step()) saveCheckpoint();
        return stopping ? Outcome.STOPPED : Outcome.FINISHED;
    }

    private void checkFinite(StepResult r) {
        String loss = !Double.isFinite(r.lmLoss()) ? "lm_loss is " + r.lmLoss()
                : !Double.isFinite(r.qHaltLoss()) ? "q_halt_loss is " + r.qHaltLoss() : null;
        Optional<String> grad = graph.nonFiniteGradient();
        if (loss == null && grad.isEmpty()) return;
        String what = loss != null ? loss + grad.map(g -> "; the gradient of " + g + " holds NaN or infinity").orElse("")
                : "the gradient of " + grad.get() + " holds NaN or infinity";
        String kept = runDir == null ? "" : lastSaved >= 0
                ? "; the last good checkpoint (step " + lastSaved + ") is " + runDir.resolve(RunCheckpoint.FILE)
                : "; no checkpoint was written";
        throw new NonFiniteException("training stopped at step " + r.step() + ": " + what + kept);
    }

    /** Evaluates the current weights (the EMA copy when the run keeps one) on the test split, if there is one. */
    public Optional<Evaluator.Result> evaluate() {
        lastEvaluated = step();
        if (test == null || test.size() == 0) return Optional.empty();
        graph.syncToHost();
        Parameters w = settings.ema() ? params.emaCopy() : params;
        Evaluator.Result r = Evaluator.evaluate(w, test, settings.evalMax(), settings.microBatch(), device);
        out.evaluation(step(), r);
        return Optional.of(r);
    }

    /** Writes RUN_DIR/checkpoint.safetensors (atomically) for the state after the last step; nothing without a run directory. */
    public void saveCheckpoint() {
        lastSaved = step();
        if (runDir == null) return;
        Path f = runDir.resolve(RunCheckpoint.FILE);
        try {
            RunCheckpoint.save(f, graph.syncToHost(), settings, graph.carryState(), source.position(), graph.exploration().state(), elapsed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint " + f + ": " + e.getMessage(), e);
        }
        out.checkpoint(step(), f);
    }

    /** The live parameters, optimizer state and EMA, copied from the device now. */
    public Parameters parameters() { return graph.syncToHost(); }

    /** Median wall time of this process's steps after its first (which compiles the kernels); NaN before the second step. */
    public double medianStepSeconds() {
        if (stepTimes.isEmpty()) return Double.NaN;
        double[] t = stepTimes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    /** Seconds of training so far (steps only, resumed runs included). */
    public double elapsedSeconds() { return elapsed; }

    public TrainingStepGraph graph() { return graph; }

    public TrainSettings settings() { return settings; }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%s, batch %d (micro %d), %d steps on %s", params.config().name(), settings.batch(),
                settings.microBatch(), settings.totalSteps(), device.id());
    }

    @Override public void close() { graph.close(); }
}
