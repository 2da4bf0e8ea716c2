package org.trm4j.model.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * metrics (7 doubles), the halted flags and the non-finite-gradient flags (3 copies). Parameters, optimizer state, EMA, carry and slot data
 * are {@link DataTransferMode#FIRST_EXECUTION}: resident on the device; gradients, logits and parameters come
 * back on demand ({@link #gradients()}, {@link #syncToHost()}...).
 *
 * <p>Gradient accumulation ({@code microBatch} < batch): the B slots are split into K = B / microBatch groups, each
 * with its own share of the ACT carry; one graph per group runs steps 1-6 for its slots, adding its gradients to the
 * shared ones (the first group zeroes them), and a last graph applies the optimizers once, sign-SGD over the puzzle
 * rows of all B slots (summed per id before the sign, as the reference sums them across GPUs). The result equals
 * the one-graph step up to the order of the float sums. Activation memory is that of one group.
 *
 * <p>Every step also checks every gradient for NaN and infinity on the device ({@link #nonFiniteGradient()}).
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
    /** What {@link #nonFiniteGradient()} calls the puzzle embedding's gradient. */
    public static final String PUZZLE_GRAD_NAME = ParameterSpec.PUZZLE_EMB + " (gradient of the rows used)";

    private final TrmConfig c;
    private final Parameters params;
    private final TrainingHyper hyper;
    private final Device device;
    private final int batch, micro, parts;
    private final TrmNet net;
    private final Ops ops;
    private final ExecutionPlan plan;
    private final HaltExploration exploration;

    // uploaded every step
    private final FloatArray rates = new FloatArray(Optimizers.RATES);
    private final Slots[] slots;
    // work buffers of one group of slots
    private final FloatArray x;
    private final TrmNet.NetActs[] lActs;
    private final TrmNet.NetActs hActs;
    private final FloatArray logits, qIn, q;
    private final DoubleArray seqLoss, qLoss;
    private final IntArray count, correct, exact;
    private final FloatArray dLogits, dq, dQIn, dZH, dA, dB, dX;
    // with groups: the puzzle-row gradients and ids of all B slots, for one sign-SGD
    private final FloatArray allSlotGrad;
    private final IntArray allIds;
    // read back every step: one flag per checked gradient
    private final IntArray nonFinite;
    private final List<String> checkedNames = new ArrayList<>();
    private final List<FloatArray> trained = new ArrayList<>();
    private ExecutionResult last;
    private boolean started;

    /** One group's slots: its share of the incoming batch, its part of the ACT carry, its metrics. */
    private final class Slots {
        final int offset;
        final IntArray newInputs, newLabels, newPuzzleIds, minHaltSteps, halted, inputs, labels, puzzleIds, steps;
        final FloatArray zH, zL;
        final DoubleArray metrics = new DoubleArray(7);

        Slots(int offset) {
            this.offset = offset;
            int s = c.seqLen(), state = micro * c.totalLen() * c.hiddenSize();
            newInputs = new IntArray(micro * s);
            newLabels = new IntArray(micro * s);
            newPuzzleIds = new IntArray(micro);
            minHaltSteps = new IntArray(micro);
            halted = new IntArray(micro);
            halted.init(1); // every slot starts halted: the first step takes the whole batch
            inputs = new IntArray(micro * s);
            labels = new IntArray(micro * s);
            puzzleIds = new IntArray(micro);
            steps = new IntArray(micro);
            zH = new FloatArray(state);
            zL = new FloatArray(state);
        }

        List<NativeArray> resident() { return List.of(halted, steps, inputs, labels, puzzleIds, zH, zL); }
    }

    /** Builds the graph for {@code params} (their config), B = {@code batchSize} slots, on {@code device}. */
    public TrainingStepGraph(Parameters params, int batchSize, TrainingHyper hyper, Device device) {
        this(params, batchSize, batchSize, hyper, device);
    }

    /**
     * Builds the step for B = {@code batchSize} slots whose gradients accumulate over groups of {@code microBatch}
     * slots (a divisor of B; B itself for one graph).
     */
    public TrainingStepGraph(Parameters params, int batchSize, int microBatch, TrainingHyper hyper, Device device) {
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        if (microBatch < 1 || batchSize % microBatch != 0)
            throw new IllegalArgumentException("micro-batch must divide the batch " + batchSize + ", got " + microBatch);
        this.c = params.config();
        this.params = params;
        this.hyper = hyper;
        this.device = device;
        this.batch = batchSize;
        this.micro = microBatch;
        this.parts = batchSize / microBatch;
        this.exploration = new HaltExploration(hyper.explorationSeed());
        this.ops = new Ops(parts == 1 ? NAME : NAME + "_m0", Ops.kernelsFor(device));
        this.net = new TrmNet(c, params, ops, microBatch);
        net.enableBackward(params);
        params.allocateOptimizerState();
        if (hyper.ema()) params.allocateEma();

        int rows = microBatch * c.totalLen(), state = rows * c.hiddenSize();
        slots = new Slots[parts];
        for (int k = 0; k < parts; k++) slots[k] = new Slots(k * microBatch);
        x = new FloatArray(state);
        lActs = new TrmNet.NetActs[c.lCycles()];
        for (int i = 0; i < lActs.length; i++) lActs[i] = net.new NetActs();
        hActs = net.new NetActs();
        logits = new FloatArray(rows * c.vocabSize());
        qIn = new FloatArray(microBatch * c.hiddenSize());
        q = new FloatArray(microBatch * 2);
        seqLoss = new DoubleArray(microBatch);
        qLoss = new DoubleArray(microBatch);
        count = new IntArray(microBatch);
        correct = new IntArray(microBatch);
        exact = new IntArray(microBatch);
        dLogits = new FloatArray(rows * c.vocabSize());
        dq = new FloatArray(microBatch * 2);
        dQIn = new FloatArray(microBatch * c.hiddenSize());
        dZH = new FloatArray(state);
        dA = new FloatArray(state);
        dB = new FloatArray(state);
        dX = new FloatArray(state);
        boolean split = parts > 1 && c.hasPuzzleEmb();
        allSlotGrad = split ? new FloatArray(batchSize * c.puzzleEmbNdim()) : null;
        allIds = split ? new IntArray(batchSize) : null;
        checkedNames.addAll(net.grads.keySet());
        if (c.hasPuzzleEmb()) checkedNames.add(PUZZLE_GRAD_NAME);
        nonFinite = new IntArray(checkedNames.size());
        for (TensorSpec t : params.spec().tensors()) if (t.role().trained()) trained.add(params.get(t.name()));

        build();
        plan = new ExecutionPlan(ops.snapshots()).withDevice(device).withGridScheduler(ops.grids);
    }

    // =================================================================== the graph

    private void build() {
        if (parts == 1) {
            Slots s = slots[0];
            ops.graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, s.newInputs, s.newLabels, s.newPuzzleIds, s.minHaltSteps, rates);
            ops.graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, modelArrays().toArray());
            ops.graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, s.resident().toArray());
            supervisionStep(s, true);
            checkGradients(net.puzzleSlotGrad);
            optimizer(net.puzzleSlotGrad, s.puzzleIds, micro);
            ops.graph.transferToHost(DataTransferMode.EVERY_EXECUTION, s.metrics, s.halted, nonFinite);
        } else {
            for (int k = 0; k < parts; k++) {
                Slots s = slots[k];
                if (k > 0) ops.startGraph(NAME + "_m" + k);
                ops.graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, s.newInputs, s.newLabels, s.newPuzzleIds, s.minHaltSteps);
                if (k == 0) ops.graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, modelArrays().toArray());
                ops.graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, s.resident().toArray());
                supervisionStep(s, k == 0);
                if (allSlotGrad != null) {
                    ops.scope("gather");
                    ops.copyAt(net.puzzleSlotGrad, allSlotGrad, s.offset * c.puzzleEmbNdim(), micro * c.puzzleEmbNdim());
                    ops.copyIntAt(s.puzzleIds, allIds, s.offset, micro);
                }
                ops.graph.transferToHost(DataTransferMode.EVERY_EXECUTION, s.metrics, s.halted);
            }
            ops.startGraph(NAME + "_apply");
            ops.graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, rates);
            checkGradients(allSlotGrad);
            optimizer(allSlotGrad, allIds, batch);
            ops.graph.transferToHost(DataTransferMode.EVERY_EXECUTION, nonFinite);
        }
        ops.graph.transferToHost(DataTransferMode.UNDER_DEMAND, onDemandArrays().toArray());
    }

    /** Steps 1-6 for one group of slots; its gradients are added to the shared ones (zeroed first when asked). */
    private void supervisionStep(Slots s, boolean zeroGrads) {
        ops.scope("act");
        ops.resetData(s.halted, s.newInputs, s.newLabels, s.newPuzzleIds, s.inputs, s.labels, s.puzzleIds, s.steps, micro, c.seqLen());
        ops.resetState(s.halted, s.zH, s.zL, net.weight(ParameterSpec.H_INIT), net.weight(ParameterSpec.L_INIT), micro, c.totalLen(), c.hiddenSize());

        ops.scope("embed");
        net.inputEmbedding(s.inputs, s.puzzleIds, x);

        // H_cycles - 1 cycles without gradient, in the buffers of the first gradient application
        for (int h = 0; h < c.hCycles() - 1; h++) {
            for (int l = 0; l < c.lCycles(); l++) {
                ops.scope("nograd" + h + "L" + l);
                net.netForward(lActs[0], s.zL, s.zH, x, s.zL);      // z_L = net(z_L, z_H + x)
            }
            ops.scope("nograd" + h + "H");
            net.netForward(lActs[0], s.zH, s.zL, null, s.zH);       // z_H = net(z_H, z_L)
        }
        // the gradient cycle: every application keeps its activations
        for (int l = 0; l < c.lCycles(); l++) {
            ops.scope("grad" + "L" + l);
            net.netForward(lActs[l], s.zL, s.zH, x, s.zL);
        }
        ops.scope("gradH");
        net.netForward(hActs, s.zH, s.zL, null, s.zH);

        ops.scope("heads");
        net.heads(s.zH, logits, qIn, q);
        lossAndHalting(s);
        backward(s, zeroGrads);
    }

    /** Losses, metrics and the halting decision (steps += 1; halted = ...). */
    private void lossAndHalting(Slots s) {
        int sl = c.seqLen(), len = c.totalLen(), v = c.vocabSize();
        ops.scope("loss");
        ops.tokenMetrics(logits, s.labels, correct, count, exact, micro, sl, len, v);
        ops.lossForward(hyper.stablemax(), logits, s.labels, seqLoss, count, micro, sl, len, v, 1.0f);
        ops.qHaltForward(q, exact, qLoss, micro);
        ops.halt(s.steps, s.halted, q, s.minHaltSteps, micro, c.haltMaxSteps(), true);
        ops.summary(s.halted, count, correct, exact, q, s.steps, seqLoss, qLoss, s.metrics, micro);
    }

    /** Backward through the last H cycle of d((lm_loss + 0.5 q_halt_loss) / global_batch). */
    private void backward(Slots s, boolean zeroGrads) {
        int sl = c.seqLen(), len = c.totalLen(), v = c.vocabSize();
        if (zeroGrads) {
            ops.scope("zeroGrad");
            for (FloatArray g : net.grads.values()) ops.zero(g);
        }
        ops.scope("dHeads");
        ops.lossBackward(hyper.stablemax(), logits, s.labels, count, dLogits, micro, sl, len, v, (float) (1.0 / hyper.globalBatchSize()));
        ops.qHaltBackward(q, exact, dq, micro, (float) (0.5 / hyper.globalBatchSize()));
        net.headsBackward(s.zH, qIn, dLogits, dq, dQIn, dZH);
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
        net.inputEmbeddingBackward(dX, s.inputs);
    }

    /** Flags every gradient holding a NaN or an infinity. */
    private void checkGradients(FloatArray puzzleGrad) {
        ops.scope("finite");
        int i = 0;
        for (FloatArray g : net.grads.values()) ops.nonFinite(g, nonFinite, i++);
        if (c.hasPuzzleEmb()) ops.nonFinite(puzzleGrad, nonFinite, i);
    }

    /** Sign-SGD on the puzzle rows, AdamATan2 on every ADAM tensor, then the EMA (reference order). */
    private void optimizer(FloatArray puzzleGrad, IntArray ids, int slotCount) {
        ops.scope("opt");
        if (c.hasPuzzleEmb())
            ops.signSgd(params.get(ParameterSpec.PUZZLE_EMB), puzzleGrad, ids, slotCount, c.puzzleEmbNdim(), rates,
                    (float) hyper.puzzleEmbWeightDecay());
        Parameters.OptimizerState o = params.optimizerState();
        for (String n : o.names())
            ops.adamAtan2(params.get(n), net.grad(n), o.expAvg(n), o.expAvgSq(n), rates, (float) hyper.beta1(), (float) hyper.beta2(),
                    (float) hyper.weightDecay());
        if (hyper.ema())
            for (Map.Entry<String, FloatArray> e : params.ema().entrySet()) ops.ema(e.getValue(), params.get(e.getKey()), (float) hyper.emaRate());
    }

    /** The model's arrays that live on the device across steps and start from host values. */
    private List<NativeArray> modelArrays() {
        List<NativeArray> a = new ArrayList<>(params.tensors().values());
        Parameters.OptimizerState o = params.optimizerState();
        for (String n : o.names()) { a.add(o.expAvg(n)); a.add(o.expAvgSq(n)); }
        if (hyper.ema()) a.addAll(params.ema().values());
        if (net.ropeCos != null) { a.add(net.ropeCos); a.add(net.ropeSin); }
        return a;
    }

    private List<NativeArray> onDemandArrays() {
        List<NativeArray> a = new ArrayList<>(net.grads.values());
        a.add(net.puzzleSlotGrad);
        if (allSlotGrad != null) a.add(allSlotGrad);
        a.addAll(List.of(logits, q));
        for (Slots s : slots) a.addAll(List.of(s.steps, s.zH, s.zL, s.inputs, s.labels, s.puzzleIds));
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
    public int[] drawMinHaltSteps() { return exploration.draw(batch, c.haltExplorationProb(), c.haltMaxSteps()); }

    /** The exploration RNG (its state goes into checkpoints). */
    public HaltExploration exploration() { return exploration; }

    /** One training step with explicit min_halt_steps [B] (0 = no floor) and rates. */
    public StepResult step(Batch b, int[] minHalt, double lr, double puzzleLr) {
        if (b.size() != batch) throw new IllegalArgumentException("batch of " + b.size() + ", graph built for " + batch);
        if (b.inputs().length != batch * c.seqLen()) throw new IllegalArgumentException("inputs must be [B, seqLen] = " + batch * c.seqLen());
        if (minHalt.length != batch) throw new IllegalArgumentException("minHaltSteps must have " + batch + " entries");
        check(b);
        int sl = c.seqLen();
        for (Slots s : slots) {
            put(s.newInputs, b.inputs(), s.offset * sl);
            put(s.newLabels, b.labels(), s.offset * sl);
            put(s.newPuzzleIds, b.puzzleIds(), s.offset);
            put(s.minHaltSteps, minHalt, s.offset);
        }
        long t = params.optimizerState().incrementStep();
        rates.set(Optimizers.LR, (float) lr);
        rates.set(Optimizers.BC1, Optimizers.biasCorrection(hyper.beta1(), t));
        rates.set(Optimizers.BC2, Optimizers.biasCorrection(hyper.beta2(), t));
        rates.set(Optimizers.PUZZLE_LR, (float) puzzleLr);
        started = true;
        int copiesIn = 0, copiesOut = 0;
        if (parts == 1) {
            last = plan.execute();
            copiesIn += last.getProfilerResult().copiesIn();
            copiesOut += last.getProfilerResult().copiesOut();
        } else {
            for (int k = 0; k <= parts; k++) {
                last = plan.withGraph(k).execute();
                copiesIn += last.getProfilerResult().copiesIn();
                copiesOut += last.getProfilerResult().copiesOut();
            }
        }
        double[] m = new double[7];
        boolean[] h = new boolean[batch];
        for (Slots s : slots) {
            for (int j = 0; j < 7; j++) m[j] += s.metrics.get(j);
            for (int i = 0; i < micro; i++) h[s.offset + i] = s.halted.get(i) != 0;
        }
        return new StepResult(t, m[5], m[6], (int) m[0], m[1], (int) m[2], (int) m[3], (int) m[4], h, copiesIn, copiesOut);
    }

    /**
     * The first gradient found holding a NaN or an infinity since the graph was built (reference name; the puzzle
     * embedding's is {@link #PUZZLE_GRAD_NAME}), checked on the device every step; empty when all were finite.
     */
    public Optional<String> nonFiniteGradient() {
        for (int i = 0; i < checkedNames.size(); i++) if (nonFinite.get(i) != 0) return Optional.of(checkedNames.get(i));
        return Optional.empty();
    }

    private void check(Batch b) {
        for (int t : b.inputs()) if (t < 0 || t >= c.vocabSize()) throw new IllegalArgumentException("input token out of range: " + t);
        for (int t : b.labels())
            if (t != org.trm4j.kernels.Losses.IGNORE && (t < 0 || t >= c.vocabSize())) throw new IllegalArgumentException("label out of range: " + t);
        for (int id : b.puzzleIds())
            if (id < 0 || id >= c.numPuzzleIdentifiers()) throw new IllegalArgumentException("puzzle id out of range: " + id);
    }

    static void put(IntArray a, int[] v) { put(a, v, 0); }

    /** a = v[from .. from + a.size). */
    static void put(IntArray a, int[] v, int from) {
        for (int i = 0; i < a.getSize(); i++) a.set(i, v[from + i]);
    }

    // =================================================================== the ACT carry (checkpoints)

    /**
     * The ACT carry of all B slots: the example each slot holds (inputs, labels [B, seqLen], puzzle ids [B]), its
     * supervision steps and halted flag [B], z_H and z_L [B, L, D].
     */
    public record Carry(int[] inputs, int[] labels, int[] puzzleIds, int[] steps, int[] halted, float[] zH, float[] zL) {}

    /** The carry after the last step, copied from the device now. */
    public Carry carryState() {
        int sl = c.seqLen(), st = micro * c.totalLen() * c.hiddenSize();
        Carry out = new Carry(new int[batch * sl], new int[batch * sl], new int[batch], new int[batch], new int[batch],
                new float[batch * c.totalLen() * c.hiddenSize()], new float[batch * c.totalLen() * c.hiddenSize()]);
        for (Slots s : slots) {
            if (started) fetch(s.inputs, s.labels, s.puzzleIds, s.steps, s.zH, s.zL);
            int k = s.offset / micro;
            copyOut(s.inputs, out.inputs, s.offset * sl);
            copyOut(s.labels, out.labels, s.offset * sl);
            copyOut(s.puzzleIds, out.puzzleIds, s.offset);
            copyOut(s.steps, out.steps, s.offset);
            copyOut(s.halted, out.halted, s.offset);
            copyOut(s.zH, out.zH, k * st);
            copyOut(s.zL, out.zL, k * st);
        }
        return out;
    }

    /** Starts from a saved carry (as {@link #carryState()} returned it); only before the first step. */
    public void restoreCarry(Carry carry) {
        if (started) throw new IllegalStateException("the carry can only be restored before the first step");
        int sl = c.seqLen(), st = micro * c.totalLen() * c.hiddenSize();
        if (carry.inputs.length != batch * sl || carry.labels.length != batch * sl || carry.puzzleIds.length != batch
                || carry.steps.length != batch || carry.halted.length != batch || carry.zH.length != batch * st / micro
                || carry.zL.length != batch * st / micro)
            throw new IllegalArgumentException("carry of another batch size or model (graph: batch " + batch + ", " + c.name() + ")");
        for (Slots s : slots) {
            int k = s.offset / micro;
            put(s.inputs, carry.inputs, s.offset * sl);
            put(s.labels, carry.labels, s.offset * sl);
            put(s.puzzleIds, carry.puzzleIds, s.offset);
            put(s.steps, carry.steps, s.offset);
            put(s.halted, carry.halted, s.offset);
            for (int i = 0; i < st; i++) { s.zH.set(i, carry.zH[k * st + i]); s.zL.set(i, carry.zL[k * st + i]); }
        }
    }

    private static void copyOut(IntArray a, int[] dst, int at) {
        for (int i = 0; i < a.getSize(); i++) dst[at + i] = a.get(i);
    }

    private static void copyOut(FloatArray a, float[] dst, int at) {
        for (int i = 0; i < a.getSize(); i++) dst[at + i] = a.get(i);
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

    /** Gradients of the last step (d objective, summed over the groups) of every ADAM tensor, by name; copied from the device now. */
    public Map<String, float[]> gradients() {
        fetch(net.grads.values().toArray(new NativeArray[0]));
        Map<String, float[]> m = new LinkedHashMap<>();
        net.grads.forEach((k, v) -> m.put(k, v.toHeapArray()));
        return m;
    }

    /** Gradient of the puzzle-embedding row each slot used, [B, puzzleEmbNdim] (empty without puzzle embedding). */
    public float[] puzzleSlotGradients() {
        if (!c.hasPuzzleEmb()) return new float[0];
        FloatArray a = allSlotGrad != null ? allSlotGrad : net.puzzleSlotGrad;
        fetch(a);
        return a.toHeapArray();
    }

    /** Logits of the last step, prefix dropped: [B, seqLen, V] (one group only). */
    public float[] tokenLogits() {
        oneGroup("tokenLogits");
        fetch(logits);
        return dropPrefix(logits, c, batch);
    }

    /** q_head output of the last step, [B, 2] (halt, continue) (one group only). */
    public float[] qLogits() {
        oneGroup("qLogits");
        fetch(q);
        return q.toHeapArray();
    }

    private void oneGroup(String what) {
        if (parts > 1) throw new IllegalStateException(what + " is kept for one group of slots only (micro-batch == batch)");
    }

    /** Supervision steps per slot after the last step. */
    public int[] slotSteps() { return carryState().steps(); }

    /** The carry after the last step: {z_H, z_L}, each [B, L, D]. */
    public float[][] carry() {
        Carry k = carryState();
        return new float[][] {k.zH(), k.zL()};
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

    /** Slots per group (= batch size without gradient accumulation). */
    public int microBatchSize() { return micro; }

    public TrainingHyper hyper() { return hyper; }

    /** Kernel launches per step. */
    public int taskCount() { return ops.taskCount(); }

    /** Whether some linear layer uses a tiled KernelContext kernel (the tuner chose it for this device and shape). */
    public boolean tiledLinear() { return ops.tiled; }

    /** The profile of the last execution (with groups: of the optimizer graph). */
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
