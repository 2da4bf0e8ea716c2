package org.trm4j.model.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.ExecutionResult;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.NativeArray;
import org.trm4j.kernels.Optimizers;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.TensorSpec;
import org.trm4j.model.TrmConfig;

/**
 * One TRM training step (TRM-SPEC.md sections 3-5) as ONE task graph that stays on the device: a single
 * {@link ExecutionPlan#execute()} does
 * <ol>
 * <li>the ACT slot reset: halted slots take the new batch's example, z_H/z_L = H_init/L_init, steps = 0;</li>
 * <li>the input embedding x;</li>
 * <li>H_cycles-1 cycles without gradient (L_cycles of z_L = net(z_L, z_H + x), then z_H = net(z_H, z_L));</li>
 * <li>the gradient cycle, each net application keeping its activations;</li>
 * <li>lm_head over z_H (prefix rows dropped by the loss) and q_head on position 0; stablemax CE per sequence
 *     (mean over its labelled tokens), q-halt BCE, metrics, the halting update (steps += 1;
 *     halted = steps >= max or q_halt > 0 with steps >= min_halt_steps);</li>
 * <li>backward through the gradient cycle only (the carry entering it is a constant; x gets the gradient of every
 *     z_L update) of (lm_loss + 0.5 q_halt_loss) / global_batch;</li>
 * <li>AdamATan2 on every ADAM tensor, sign-SGD on the puzzle rows used, the EMA (optional).</li>
 * </ol>
 * Per step the host uploads only the batch (inputs, labels, puzzle ids), min_halt_steps and the step's rates
 * [lr, bc1, bc2, puzzle lr] ({@link DataTransferMode#EVERY_EXECUTION}: 5 copies) and reads back only the
 * metrics (7 doubles) and the halted flags (2 copies). Parameters, optimizer state, EMA, carry and slot data
 * are {@link DataTransferMode#FIRST_EXECUTION}: resident on the device; gradients, logits and parameters come
 * back on demand ({@link #gradients()}, {@link #syncToHost()}...).
 *
 * <p>Memory: the gradient cycle keeps (L_cycles + 1) x lLayers block activations; the no-grad cycles run in the
 * buffers of the first gradient application (overwritten by it afterwards), so there is no separate scratch.
 *
 * <p>The {@link Parameters} given are the device buffers' host side: they are stale while training on a
 * non-JVM device until {@link #syncToHost()}; the optimizer step counter ({@code optimizerState().step()}) is
 * kept on the host and always current. Not thread-safe; {@link #close()} frees the device buffers.
 */
public final class TrainingStepGraph implements AutoCloseable {
    /** The reference scales learned position embeddings by this literal. */
    static final float LEARNED_POS_SCALE = 0.707106781f;
    static final String NAME = "trainStep";

    private final TrmConfig c;
    private final Parameters params;
    private final TrainingHyper hyper;
    private final Device device;
    private final int batch;
    private final TrmNet net;
    private final Ops ops;
    private final ExecutionPlan plan;
    private final Random exploration;

    // uploaded every step
    private final IntArray newInputs, newLabels, newPuzzleIds, minHaltSteps;
    private final FloatArray rates = new FloatArray(Optimizers.RATES);
    // read back every step
    private final DoubleArray metrics = new DoubleArray(7);
    private final IntArray halted;
    // resident slot state
    private final IntArray inputs, labels, puzzleIds, steps;
    private final FloatArray zH, zL, x;
    private final TrmNet.NetActs[] lActs;
    private final TrmNet.NetActs hActs;
    // heads, loss
    private final FloatArray logits, qIn, q;
    private final DoubleArray seqLoss, qLoss;
    private final IntArray count, correct, exact;
    // backward
    private final FloatArray dLogits, dq, dQIn, dZH, dA, dB, dX;
    private final List<FloatArray> trained = new ArrayList<>();
    private ExecutionResult last;

    /** Builds the graph for {@code params} (their config), B = {@code batchSize} slots, on {@code device}. */
    public TrainingStepGraph(Parameters params, int batchSize, TrainingHyper hyper, Device device) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        this.c = params.config();
        this.params = params;
        this.hyper = hyper;
        this.device = device;
        this.batch = batchSize;
        this.exploration = new Random(hyper.explorationSeed());
        this.ops = new Ops(NAME, Ops.kernelsFor(device));
        this.net = new TrmNet(c, params, ops, batchSize);
        net.enableBackward(params);
        params.allocateOptimizerState();
        if (hyper.ema()) params.allocateEma();

        int s = c.seqLen(), rows = batchSize * c.totalLen(), state = rows * c.hiddenSize();
        newInputs = new IntArray(batchSize * s);
        newLabels = new IntArray(batchSize * s);
        newPuzzleIds = new IntArray(batchSize);
        minHaltSteps = new IntArray(batchSize);
        halted = new IntArray(batchSize);
        halted.init(1); // every slot starts halted: the first step takes the whole batch
        inputs = new IntArray(batchSize * s);
        labels = new IntArray(batchSize * s);
        puzzleIds = new IntArray(batchSize);
        steps = new IntArray(batchSize);
        zH = new FloatArray(state);
        zL = new FloatArray(state);
        x = new FloatArray(state);
        lActs = new TrmNet.NetActs[c.lCycles()];
        for (int i = 0; i < lActs.length; i++) lActs[i] = net.new NetActs();
        hActs = net.new NetActs();
        logits = new FloatArray(rows * c.vocabSize());
        qIn = new FloatArray(batchSize * c.hiddenSize());
        q = new FloatArray(batchSize * 2);
        seqLoss = new DoubleArray(batchSize);
        qLoss = new DoubleArray(batchSize);
        count = new IntArray(batchSize);
        correct = new IntArray(batchSize);
        exact = new IntArray(batchSize);
        dLogits = new FloatArray(rows * c.vocabSize());
        dq = new FloatArray(batchSize * 2);
        dQIn = new FloatArray(batchSize * c.hiddenSize());
        dZH = new FloatArray(state);
        dA = new FloatArray(state);
        dB = new FloatArray(state);
        dX = new FloatArray(state);
        for (TensorSpec t : params.spec().tensors()) if (t.role().trained()) trained.add(params.get(t.name()));

        build();
        plan = new ExecutionPlan(ops.graph.snapshot()).withDevice(device).withGridScheduler(ops.grids);
    }

    // =================================================================== the graph

    private void build() {
        var g = ops.graph;
        g.transferToDevice(DataTransferMode.EVERY_EXECUTION, newInputs, newLabels, newPuzzleIds, minHaltSteps, rates);
        g.transferToDevice(DataTransferMode.FIRST_EXECUTION, residentArrays().toArray());

        ops.scope("act");
        ops.resetData(halted, newInputs, newLabels, newPuzzleIds, inputs, labels, puzzleIds, steps, batch, c.seqLen());
        ops.resetState(halted, zH, zL, net.weight(ParameterSpec.H_INIT), net.weight(ParameterSpec.L_INIT), batch, c.totalLen(), c.hiddenSize());

        ops.scope("embed");
        net.inputEmbedding(inputs, puzzleIds, x);

        // H_cycles - 1 cycles without gradient, in the buffers of the first gradient application
        for (int h = 0; h < c.hCycles() - 1; h++) {
            for (int l = 0; l < c.lCycles(); l++) {
                ops.scope("nograd" + h + "L" + l);
                net.netForward(lActs[0], zL, zH, x, zL);      // z_L = net(z_L, z_H + x)
            }
            ops.scope("nograd" + h + "H");
            net.netForward(lActs[0], zH, zL, null, zH);       // z_H = net(z_H, z_L)
        }
        // the gradient cycle: every application keeps its activations
        for (int l = 0; l < c.lCycles(); l++) {
            ops.scope("grad" + "L" + l);
            net.netForward(lActs[l], zL, zH, x, zL);
        }
        ops.scope("gradH");
        net.netForward(hActs, zH, zL, null, zH);

        ops.scope("heads");
        net.heads(zH, logits, qIn, q);
        lossAndHalting();
        backward();
        optimizer();

        g.transferToHost(DataTransferMode.EVERY_EXECUTION, metrics, halted);
        g.transferToHost(DataTransferMode.UNDER_DEMAND, onDemandArrays().toArray());
    }

    /** Losses, metrics and the halting decision (steps += 1; halted = ...). */
    private void lossAndHalting() {
        int s = c.seqLen(), len = c.totalLen(), v = c.vocabSize();
        ops.scope("loss");
        ops.tokenMetrics(logits, labels, correct, count, exact, batch, s, len, v);
        ops.lossForward(hyper.stablemax(), logits, labels, seqLoss, count, batch, s, len, v, 1.0f);
        ops.qHaltForward(q, exact, qLoss, batch);
        ops.halt(steps, halted, q, minHaltSteps, batch, c.haltMaxSteps(), true);
        ops.summary(halted, count, correct, exact, q, steps, seqLoss, qLoss, metrics, batch);
    }

    /** Backward through the last H cycle of d((lm_loss + 0.5 q_halt_loss) / global_batch). */
    private void backward() {
        int s = c.seqLen(), len = c.totalLen(), v = c.vocabSize();
        ops.scope("zeroGrad");
        for (FloatArray g : net.grads.values()) ops.zero(g);
        ops.scope("dHeads");
        ops.lossBackward(hyper.stablemax(), logits, labels, count, dLogits, batch, s, len, v, (float) (1.0 / hyper.globalBatchSize()));
        ops.qHaltBackward(q, exact, dq, batch, (float) (0.5 / hyper.globalBatchSize()));
        net.headsBackward(zH, qIn, dLogits, dq, dQIn, dZH);
        // z_H = net(z_H0, z_L): z_H0 is a constant, the injection z_L takes the whole gradient
        ops.scope("dGradH");
        net.netBackward(hActs, dZH, dA);
        // z_L(i+1) = net(z_L(i), z_H0 + x): d(sum) goes to z_L(i) and to x
        ops.zero(dX);
        FloatArray dZL = dA;
        for (int l = c.lCycles() - 1; l >= 0; l--) {
            ops.scope("dGradL" + l);
            FloatArray dSum = dZL == dA ? dB : dA;
            net.netBackward(lActs[l], dZL, dSum);
            ops.addInPlace(dX, dSum);
            dZL = dSum;                                   // reaching the entry carry, it is dropped
        }
        ops.scope("dEmbed");
        net.inputEmbeddingBackward(dX, inputs);
    }

    /** Sign-SGD on the puzzle rows, AdamATan2 on every ADAM tensor, then the EMA (reference order). */
    private void optimizer() {
        ops.scope("opt");
        if (c.hasPuzzleEmb())
            ops.signSgd(params.get(ParameterSpec.PUZZLE_EMB), net.puzzleSlotGrad, puzzleIds, batch, c.hiddenSize(), rates,
                    (float) hyper.puzzleEmbWeightDecay());
        Parameters.OptimizerState o = params.optimizerState();
        for (String n : o.names())
            ops.adamAtan2(params.get(n), net.grad(n), o.expAvg(n), o.expAvgSq(n), rates, (float) hyper.beta1(), (float) hyper.beta2(),
                    (float) hyper.weightDecay());
        if (hyper.ema())
            for (Map.Entry<String, FloatArray> e : params.ema().entrySet()) ops.ema(e.getValue(), params.get(e.getKey()), (float) hyper.emaRate());
    }

    /** Everything that lives on the device across steps and starts from host values. */
    private List<NativeArray> residentArrays() {
        List<NativeArray> a = new ArrayList<>(params.tensors().values());
        Parameters.OptimizerState o = params.optimizerState();
        for (String n : o.names()) { a.add(o.expAvg(n)); a.add(o.expAvgSq(n)); }
        if (hyper.ema()) a.addAll(params.ema().values());
        a.addAll(List.of(halted, steps, inputs, labels, puzzleIds, zH, zL));
        if (net.ropeCos != null) { a.add(net.ropeCos); a.add(net.ropeSin); }
        return a;
    }

    private List<NativeArray> onDemandArrays() {
        List<NativeArray> a = new ArrayList<>(net.grads.values());
        a.add(net.puzzleSlotGrad);
        a.addAll(List.of(logits, q, steps, zH, zL));
        a.addAll(trained);
        return a;
    }

    // =================================================================== running

    /**
     * One training step with the schedule's rates and min_halt_steps drawn by the host as the reference does
     * (each slot explores with probability haltExplorationProb, then min = uniform 2..haltMaxSteps, else 0).
     */
    public StepResult step(Batch b) {
        long t = params.optimizerState().step() + 1;
        return step(b, drawMinHaltSteps(), hyper.lrAt(t), hyper.puzzleLrAt(t));
    }

    /** The exploration draw of the next step (advances the seeded RNG). */
    public int[] drawMinHaltSteps() {
        int[] m = new int[batch];
        for (int i = 0; i < batch; i++) {
            boolean explore = exploration.nextDouble() < c.haltExplorationProb();
            int k = 2 + exploration.nextInt(Math.max(1, c.haltMaxSteps() - 1));
            m[i] = explore ? k : 0;
        }
        return m;
    }

    /** One training step with explicit min_halt_steps [B] (0 = no floor) and rates. */
    public StepResult step(Batch b, int[] minHalt, double lr, double puzzleLr) {
        if (b.size() != batch) throw new IllegalArgumentException("batch of " + b.size() + ", graph built for " + batch);
        if (b.inputs().length != batch * c.seqLen()) throw new IllegalArgumentException("inputs must be [B, seqLen] = " + batch * c.seqLen());
        if (minHalt.length != batch) throw new IllegalArgumentException("minHaltSteps must have " + batch + " entries");
        check(b);
        put(newInputs, b.inputs());
        put(newLabels, b.labels());
        put(newPuzzleIds, b.puzzleIds());
        put(minHaltSteps, minHalt);
        long t = params.optimizerState().incrementStep();
        rates.set(Optimizers.LR, (float) lr);
        rates.set(Optimizers.BC1, Optimizers.biasCorrection(hyper.beta1(), t));
        rates.set(Optimizers.BC2, Optimizers.biasCorrection(hyper.beta2(), t));
        rates.set(Optimizers.PUZZLE_LR, (float) puzzleLr);
        last = plan.execute();
        var prof = last.getProfilerResult();
        boolean[] h = new boolean[batch];
        for (int i = 0; i < batch; i++) h[i] = halted.get(i) != 0;
        return new StepResult(t, metrics.get(5), metrics.get(6), (int) metrics.get(0), metrics.get(1), (int) metrics.get(2),
                (int) metrics.get(3), (int) metrics.get(4), h, prof.copiesIn(), prof.copiesOut());
    }

    private void check(Batch b) {
        for (int t : b.inputs()) if (t < 0 || t >= c.vocabSize()) throw new IllegalArgumentException("input token out of range: " + t);
        for (int t : b.labels())
            if (t != org.trm4j.kernels.Losses.IGNORE && (t < 0 || t >= c.vocabSize())) throw new IllegalArgumentException("label out of range: " + t);
        for (int id : b.puzzleIds())
            if (id < 0 || id >= c.numPuzzleIdentifiers()) throw new IllegalArgumentException("puzzle id out of range: " + id);
    }

    static void put(IntArray a, int[] v) {
        for (int i = 0; i < v.length; i++) a.set(i, v[i]);
    }

    // =================================================================== on demand (tests, checkpoints)

    private void fetch(NativeArray... arrays) {
        if (last != null) last.transferToHost((Object[]) arrays);
    }

    /** Copies parameters, optimizer state and EMA from the device into the host {@link Parameters}. */
    public Parameters syncToHost() {
        List<NativeArray> a = new ArrayList<>(trained);
        Parameters.OptimizerState o = params.optimizerState();
        for (String n : o.names()) { a.add(o.expAvg(n)); a.add(o.expAvgSq(n)); }
        if (hyper.ema()) a.addAll(params.ema().values());
        fetch(a.toArray(new NativeArray[0]));
        return params;
    }

    /** Gradients of the last step (d objective) of every ADAM tensor, by name; copied from the device now. */
    public Map<String, float[]> gradients() {
        fetch(net.grads.values().toArray(new NativeArray[0]));
        Map<String, float[]> m = new LinkedHashMap<>();
        net.grads.forEach((k, v) -> m.put(k, v.toHeapArray()));
        return m;
    }

    /** Gradient of the puzzle-embedding row each slot used, [B, D] (empty without puzzle embedding). */
    public float[] puzzleSlotGradients() {
        if (!c.hasPuzzleEmb()) return new float[0];
        fetch(net.puzzleSlotGrad);
        return net.puzzleSlotGrad.toHeapArray();
    }

    /** Logits of the last step, prefix dropped: [B, seqLen, V]. */
    public float[] tokenLogits() {
        fetch(logits);
        return dropPrefix(logits, c, batch);
    }

    /** q_head output of the last step, [B, 2] (halt, continue). */
    public float[] qLogits() {
        fetch(q);
        return q.toHeapArray();
    }

    /** Supervision steps per slot after the last step. */
    public int[] slotSteps() {
        fetch(steps);
        return steps.toHeapArray();
    }

    /** The carry after the last step: {z_H, z_L}, each [B, L, D]. */
    public float[][] carry() {
        fetch(zH, zL);
        return new float[][] {zH.toHeapArray(), zL.toHeapArray()};
    }

    static float[] dropPrefix(FloatArray logits, TrmConfig c, int batch) {
        int len = c.totalLen(), s = c.seqLen(), v = c.vocabSize(), p = c.puzzleEmbLen();
        float[] out = new float[batch * s * v];
        for (int b = 0; b < batch; b++)
            for (int t = 0; t < s; t++)
                for (int k = 0; k < v; k++) out[(b * s + t) * v + k] = logits.get((b * len + p + t) * v + k);
        return out;
    }

    public Parameters parameters() { return params; }

    public TrmConfig config() { return c; }

    public Device device() { return device; }

    public int batchSize() { return batch; }

    public TrainingHyper hyper() { return hyper; }

    /** Kernel launches per step. */
    public int taskCount() { return ops.taskCount(); }

    /** Whether some linear layer uses a tiled KernelContext kernel (the tuner chose it for this device and shape). */
    public boolean tiledLinear() { return ops.tiled; }

    /** The profile of the last step (copy counts, kernel times). */
    public org.trm4j.api.ProfilerResult lastProfile() { return last == null ? null : last.getProfilerResult(); }

    /** Bytes of every array this graph keeps on its device: parameters, optimizer state, EMA, carry, activations. */
    public long deviceBytes() { return ops.graph.snapshot().arrayBytes(); }

    /** The memory of a step graph: a fixed part (weights, optimizer state, EMA) plus a part per example of the batch. */
    public record Footprint(long fixedBytes, long bytesPerExample) {
        public long bytes(long batch) { return fixedBytes + batch * bytesPerExample; }

        /** The largest batch whose graph fits in {@code available} bytes (0 when not even one example does). */
        public long maxBatch(long available) { return Math.max(0, (available - fixedBytes) / Math.max(1, bytesPerExample)); }
    }

    /**
     * The footprint of {@code c}'s step graph, measured (not modelled) on graphs of batch 1 and 2 built on the
     * {@code java} device: it allocates only those two small graphs, so a size check can run before a large one.
     */
    public static Footprint footprint(TrmConfig c, TrainingHyper hyper) {
        Parameters p = Parameters.allocate(c);
        Device java = org.trm4j.api.Devices.get("java");
        // Graphs that never run: no kernel tuning for them.
        return ScopedValue.where(org.trm4j.kernels.LinearTuner.NOT_MEASURING, true).call(() -> {
            long one, two;
            try (TrainingStepGraph g = new TrainingStepGraph(p, 1, hyper, java)) { one = g.deviceBytes(); }
            try (TrainingStepGraph g = new TrainingStepGraph(p, 2, hyper, java)) { two = g.deviceBytes(); }
            return new Footprint(one - (two - one), two - one);
        });
    }

    @Override public void close() { plan.close(); }
}
