package org.trm4j.model.graph;

import java.util.ArrayList;
import java.util.List;

import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.ExecutionResult;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.NativeArray;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;

/**
 * Evaluation of a batch: every slot starts from H_init/L_init and runs all {@code haltMaxSteps} supervision steps
 * (no early halt at evaluation, TRM-SPEC.md section 4), each the forward of section 3 without gradient, all
 * unrolled in ONE task graph: one {@link ExecutionPlan#execute()} per batch. The host uploads inputs and puzzle
 * ids (2 copies) and reads back the predictions of every step [steps, B, seqLen] and the q logits of every step
 * [steps, B, 2] (2 copies); the last step's logits come back on demand ({@link #tokenLogits()}), or the logits of
 * every step with each run when asked for (a third copy).
 *
 * <p>More steps than {@code haltMaxSteps}: as the reference's eval-mode carry, every slot has halted after
 * {@code haltMaxSteps} steps, so step {@code haltMaxSteps + 1} starts again from H_init/L_init (and so on every
 * {@code haltMaxSteps} steps).
 *
 * <p>Use the EMA weights for evaluation as the reference does ({@code params.emaCopy()}). The weights are
 * copied to the device on the first run only: build a new graph for other weights.
 */
public final class InferenceGraph implements AutoCloseable {
    static final String NAME = "infer";

    private final TrmConfig c;
    private final int batch, steps;
    private final TrmNet net;
    private final Ops ops;
    private final ExecutionPlan plan;
    private final IntArray inputs, puzzleIds, allSlots;
    private final FloatArray zH, zL, x, logits, qIn, q, qPerStep;
    private final IntArray predictions;
    private final FloatArray logitsPerStep;   // [steps, B, totalLen, V] when asked for, else null
    private final TrmNet.NetActs acts;
    private ExecutionResult last;

    /** All {@code haltMaxSteps} steps. */
    public InferenceGraph(Parameters params, int batchSize, Device device) {
        this(params, batchSize, params.config().haltMaxSteps(), device);
    }

    /** {@code steps} supervision steps per run. */
    public InferenceGraph(Parameters params, int batchSize, int steps, Device device) {
        this(params, batchSize, steps, false, device);
    }

    /** {@code steps} supervision steps per run; with {@code stepLogits} every run also returns every step's logits. */
    public InferenceGraph(Parameters params, int batchSize, int steps, boolean stepLogits, Device device) {
        if (batchSize < 1 || steps < 1) throw new IllegalArgumentException("batch size and steps must be >= 1");
        this.c = params.config();
        this.batch = batchSize;
        this.steps = steps;
        this.ops = new Ops(NAME, Ops.kernelsFor(device));
        this.net = new TrmNet(c, params, ops, batchSize);
        int rows = batchSize * c.totalLen(), state = rows * c.hiddenSize();
        inputs = new IntArray(batchSize * c.seqLen());
        puzzleIds = new IntArray(batchSize);
        allSlots = new IntArray(batchSize);
        allSlots.init(1);
        zH = new FloatArray(state);
        zL = new FloatArray(state);
        x = new FloatArray(state);
        logits = new FloatArray(rows * c.vocabSize());
        qIn = new FloatArray(batchSize * c.hiddenSize());
        q = new FloatArray(batchSize * 2);
        qPerStep = new FloatArray(steps * batchSize * 2);
        predictions = new IntArray(steps * batchSize * c.seqLen());
        if (stepLogits && (long) steps * rows * c.vocabSize() > Integer.MAX_VALUE)
            throw new IllegalArgumentException("the logits of " + steps + " steps of batch " + batchSize + " exceed one array; use a smaller batch");
        logitsPerStep = stepLogits ? new FloatArray(steps * rows * c.vocabSize()) : null;
        acts = net.new NetActs();

        var g = ops.graph;
        g.transferToDevice(DataTransferMode.EVERY_EXECUTION, inputs, puzzleIds);
        List<NativeArray> resident = new ArrayList<>(params.tensors().values());
        resident.add(allSlots);
        if (net.ropeCos != null) { resident.add(net.ropeCos); resident.add(net.ropeSin); }
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, resident.toArray());

        ops.scope("init");
        ops.resetState(allSlots, zH, zL, net.weight(ParameterSpec.H_INIT), net.weight(ParameterSpec.L_INIT), batch, c.totalLen(), c.hiddenSize());
        net.inputEmbedding(inputs, puzzleIds, x);
        for (int step = 0; step < steps; step++) {
            if (step > 0 && step % c.haltMaxSteps() == 0) {
                // Every slot halted at haltMaxSteps: the reference's next step resets the carry (its input stays).
                ops.scope("s" + step + "reset");
                ops.resetState(allSlots, zH, zL, net.weight(ParameterSpec.H_INIT), net.weight(ParameterSpec.L_INIT), batch, c.totalLen(), c.hiddenSize());
            }
            for (int h = 0; h < c.hCycles(); h++) {
                for (int l = 0; l < c.lCycles(); l++) {
                    ops.scope("s" + step + "c" + h + "L" + l);
                    net.netForward(acts, zL, zH, x, zL);  // z_L = net(z_L, z_H + x)
                }
                ops.scope("s" + step + "c" + h + "H");
                net.netForward(acts, zH, zL, null, zH);   // z_H = net(z_H, z_L)
            }
            ops.scope("s" + step + "heads");
            net.heads(zH, logits, qIn, q);
            ops.argmax(logits, predictions, batch, c.seqLen(), c.totalLen(), c.vocabSize(), step * batch * c.seqLen());
            ops.copyAt(q, qPerStep, step * batch * 2, batch * 2);
            if (logitsPerStep != null) ops.copyAt(logits, logitsPerStep, step * rows * c.vocabSize(), rows * c.vocabSize());
        }
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, predictions, qPerStep);
        if (logitsPerStep != null) g.transferToHost(DataTransferMode.EVERY_EXECUTION, logitsPerStep);
        g.transferToHost(DataTransferMode.UNDER_DEMAND, logits, zH, zL);
        plan = new ExecutionPlan(g.snapshot()).withDevice(device).withGridScheduler(ops.grids);
    }

    /** Runs every step on inputs [B, seqLen] with puzzle ids [B]. */
    public InferenceResult run(int[] in, int[] ids) {
        if (in.length != batch * c.seqLen() || ids.length != batch)
            throw new IllegalArgumentException("inputs must be [" + batch + ", " + c.seqLen() + "] and puzzle ids [" + batch + "]");
        for (int t : in) if (t < 0 || t >= c.vocabSize()) throw new IllegalArgumentException("input token out of range: " + t);
        for (int id : ids) if (id < 0 || id >= c.numPuzzleIdentifiers()) throw new IllegalArgumentException("puzzle id out of range: " + id);
        TrainingStepGraph.put(inputs, in);
        TrainingStepGraph.put(puzzleIds, ids);
        last = plan.execute();
        var prof = last.getProfilerResult();
        int s = c.seqLen();
        int[][] preds = new int[steps][batch * s];
        float[][] qh = new float[steps][batch], qc = new float[steps][batch];
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < batch * s; i++) preds[k][i] = predictions.get(k * batch * s + i);
            for (int b = 0; b < batch; b++) {
                qh[k][b] = qPerStep.get((k * batch + b) * 2);
                qc[k][b] = qPerStep.get((k * batch + b) * 2 + 1);
            }
        }
        float[][] stepLogits = null;
        if (logitsPerStep != null) {
            int v = c.vocabSize(), len = c.totalLen(), p = c.puzzleEmbLen();
            stepLogits = new float[steps][batch * s * v];
            for (int k = 0; k < steps; k++)
                for (int b = 0; b < batch; b++)
                    for (int t = 0; t < s; t++) {
                        long from = (((long) k * batch + b) * len + p + t) * v;
                        for (int j = 0; j < v; j++) stepLogits[k][(b * s + t) * v + j] = logitsPerStep.get((int) (from + j));
                    }
        }
        return new InferenceResult(preds, qh, qc, stepLogits, prof.copiesIn(), prof.copiesOut());
    }

    public InferenceResult run(Batch b) { return run(b.inputs(), b.puzzleIds()); }

    /** Logits of the last step of the last run, prefix dropped: [B, seqLen, V]; copied from the device now. */
    public float[] tokenLogits() {
        if (last != null) last.transferToHost(logits);
        return TrainingStepGraph.dropPrefix(logits, c, batch);
    }

    /** Kernel launches per run. */
    public int taskCount() { return ops.taskCount(); }

    public int steps() { return steps; }

    @Override public void close() { plan.close(); }
}
