package org.trm4j.model.graph;

import org.trm4j.api.Device;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.IntArray;
import org.trm4j.api.TaskGraph;
import org.trm4j.kernels.ActCarry;
import org.trm4j.kernels.Attention;
import org.trm4j.kernels.Elementwise;
import org.trm4j.kernels.Embedding;
import org.trm4j.kernels.Grids;
import org.trm4j.kernels.Linear;
import org.trm4j.kernels.LinearPanel;
import org.trm4j.kernels.LinearTuner;
import org.trm4j.kernels.LinearVariant;
import org.trm4j.kernels.Losses;
import org.trm4j.kernels.Optimizers;
import org.trm4j.kernels.RmsNorm;
import org.trm4j.kernels.Rope;
import org.trm4j.kernels.SwiGlu;

/**
 * Appends kernel tasks to one {@link TaskGraph}, one method per operation, with unique task ids
 * ({@code <scope>_<op>_<n>}) and the launch grids of the KernelContext kernels registered in a
 * {@link GridScheduler} as they are added.
 *
 * <p>Linear layers (all the FLOPs) use the kernel {@link LinearTuner} measured fastest on this device for each
 * (op, shape), remembered across runs in {@code ~/.cache/trm4j/autotune.json} ({@link org.trm4j.kernels.AutotuneCache}:
 * {@code -Dtrm.autotune=off|clear}). Every candidate sums in the same order, so the choice changes speed, not
 * results beyond rounding. A forward kernel that reads the weight transposed ({@link LinearPanel#forward}) gets
 * one transposed copy per weight, made by a task at the weight's first use in the graph and made again after
 * the optimizer has changed the weight ({@link #adamAtan2}). Where that kernel is a stripe, a SwiGLU block's gate_up
 * projection and SwiGLU are one task ({@link #linearSwiGlu}). Element-wise kernels that call exp or atan2 (SwiGLU,
 * AdamATan2) get a span of elements per work-item from the device type: PoCL vectorises those calls only inside a
 * work-item.
 */
final class Ops {
    /** The graph tasks are appended to now (the last of {@link #graphs}). */
    TaskGraph graph;
    /** Every graph started, in order (one plan runs them; they share the device buffers). */
    final java.util.List<TaskGraph> graphs = new java.util.ArrayList<>();
    final GridScheduler grids = new GridScheduler();
    final LinearTuner kernels;
    /** Whether some linear task uses a KernelContext (tiled) kernel. */
    boolean tiled;
    /** Transposed copies [in, out] of weights that are current in the graph at the point tasks are added now. */
    private final java.util.Map<FloatArray, FloatArray> transposed = new java.util.IdentityHashMap<>();
    /** One transposed buffer per weight for the graph's lifetime (reused after an optimizer step). */
    private final java.util.Map<FloatArray, FloatArray> transposedBuffers = new java.util.IdentityHashMap<>();
    private String graphName;
    private String scope = "g";
    private int counter;
    private int tasks;

    Ops(String graphName, LinearTuner kernels) {
        this.kernels = kernels;
        startGraph(graphName);
    }

    /** Appends the next tasks to a new graph called {@code name}. */
    Ops startGraph(String name) {
        graphName = name;
        // The model's graphs fuse multiply-adds (as TornadoVM does by default): matmuls run up to twice as fast and
        // stay within the float64 reference's tolerances (the graph tests check); the conformance suite stays strict.
        graph = new TaskGraph(name).withRelaxedMath();
        graphs.add(graph);
        // Graphs may run on their own (ExecutionPlan.withGraph), an optimizer graph between them: each graph makes
        // the transposed weights it reads itself.
        transposed.clear();
        return this;
    }

    /** Snapshots of every graph, for one {@link org.trm4j.api.ExecutionPlan}. */
    org.trm4j.api.ImmutableTaskGraph[] snapshots() {
        return graphs.stream().map(TaskGraph::snapshot).toArray(org.trm4j.api.ImmutableTaskGraph[]::new);
    }

    /** The linear-kernel chooser of {@code device}. */
    static LinearTuner kernelsFor(Device device) { return LinearTuner.of(device); }

    /** Sets the prefix of the next task ids (e.g. "c0L1" = cycle 0, z_L update 1). */
    Ops scope(String s) { scope = s; return this; }

    int taskCount() { return tasks; }

    private String id(String op) {
        tasks++;
        return scope + "_" + op + "_" + (counter++);
    }

    private String grid(String id, org.trm4j.api.WorkerGrid g) {
        grids.addWorkerGrid(graphName + "." + id, g);
        return id;
    }

    // ------------------------------------------------------------------ linear layers

    /** y[rows, out] = x[rows, in] W^T. */
    void linear(FloatArray x, FloatArray w, FloatArray y, int rows, int in, int out) {
        LinearVariant v = kernels.choose(LinearVariant.Op.FORWARD, rows, in, out);
        linearTask(v, id("linear"), x, v.transposedWeight() ? transposedWeight(w, in, out) : w, y, rows, in, out, false);
    }

    /**
     * h = SwiGLU(gu) with gu = x W^T [rows, 2 * inter] (kept for the backward): one fused task
     * ({@link LinearPanel#forwardStripeSwiGlu}) where the tuner's forward kernel for this shape is a stripe, else the
     * linear and SwiGLU tasks. The same values either way.
     */
    void linearSwiGlu(FloatArray x, FloatArray w, FloatArray gu, FloatArray h, int rows, int in, int inter) {
        LinearVariant v = kernels.choose(LinearVariant.Op.FORWARD, rows, in, 2 * inter);
        if (v.kind() != LinearVariant.Kind.STRIPE) {
            linear(x, w, gu, rows, in, 2 * inter);
            swiglu(gu, h, rows, inter);
            return;
        }
        // A fused tile computes width gate and width up columns: half the tuned stripe keeps the work per tile (twice
        // the stripe's width made tiles of unequal work at inter = 1536 and cost 25%).
        int width = Math.max(1, v.width() / 2);
        FloatArray wT = transposedWeight(w, in, 2 * inter);
        int tiles = LinearPanel.stripes(rows, inter, width);
        String id = grid(id("linearSwiglu"), Grids.singles(tiles));
        graph.task(id, LinearPanel::forwardStripeSwiGlu, x, wT, gu, h, rows, in, inter, width, tiles);
    }

    /** y = x W^T + bias (tiny: the q head; always @Parallel). */
    void linearBias(FloatArray x, FloatArray w, FloatArray bias, FloatArray y, int rows, int in, int out) {
        graph.task(id("linearBias"), Linear::forwardBias, x, w, bias, y, rows, in, out);
    }

    /** dx (+)= dy W. */
    void linearBackInput(FloatArray dy, FloatArray w, FloatArray dx, int rows, int in, int out, boolean accumulate) {
        linearTask(kernels.choose(LinearVariant.Op.BACKWARD_INPUT, rows, in, out), id("dInput"), dy, w, dx, rows, in, out, accumulate);
    }

    /** dW += dy^T x. */
    void linearBackWeight(FloatArray dy, FloatArray x, FloatArray dw, int rows, int in, int out) {
        linearTask(kernels.choose(LinearVariant.Op.BACKWARD_WEIGHT, rows, in, out), id("dWeight"), dy, x, dw, rows, in, out, true);
    }

    private void linearTask(LinearVariant v, String id, FloatArray a, FloatArray b, FloatArray c, int rows, int in, int out, boolean acc) {
        if (v.grid(rows, in, out) != null) grid(id, v.grid(rows, in, out));
        if (v.usesKernelContext()) tiled = true;
        v.add(graph, id, a, b, c, rows, in, out, acc);
    }

    /** w [out, in] as [in, out], transposed by a task here unless already current. */
    private FloatArray transposedWeight(FloatArray w, int in, int out) {
        FloatArray t = transposed.get(w);
        if (t != null) return t;
        t = transposedBuffers.computeIfAbsent(w, k -> new FloatArray(in * out));
        graph.task(id("transpose"), LinearPanel::transpose, w, t, in, out);
        transposed.put(w, t);
        return t;
    }

    void linearBackBias(FloatArray dy, FloatArray db, int rows, int out) {
        graph.task(id("dBias"), Linear::backwardBias, dy, db, rows, out);
    }

    // ------------------------------------------------------------------ element-wise

    void add(FloatArray a, FloatArray b, FloatArray out) { graph.task(id("add"), Elementwise::add, a, b, out, out.getSize()); }

    void add3(FloatArray a, FloatArray b, FloatArray c, FloatArray out) { graph.task(id("add3"), Elementwise::add3, a, b, c, out, out.getSize()); }

    void addInPlace(FloatArray acc, FloatArray x) { graph.task(id("acc"), Elementwise::addInPlace, acc, x, acc.getSize()); }

    void copy(FloatArray src, FloatArray dst) { graph.task(id("copy"), Elementwise::copy, src, dst, dst.getSize()); }

    void zero(FloatArray a) { graph.task(id("zero"), Elementwise::fill, a, 0.0f, a.getSize()); }

    void gatherPosition(FloatArray x, FloatArray out, int batch, int len, int dim, int pos) {
        graph.task(id("gather"), Elementwise::gatherPosition, x, out, batch, len, dim, pos);
    }

    void scatterAddPosition(FloatArray dOut, FloatArray dx, int batch, int len, int dim, int pos) {
        graph.task(id("scatter"), Elementwise::scatterAddPosition, dOut, dx, batch, len, dim, pos);
    }

    void copyAt(FloatArray src, FloatArray dst, int offset, int n) { graph.task(id("copyAt"), GraphKernels::copyAt, src, dst, offset, n); }

    void copyIntAt(IntArray src, IntArray dst, int offset, int n) { graph.task(id("copyIntAt"), GraphKernels::copyIntAt, src, dst, offset, n); }

    void nonFinite(FloatArray a, IntArray flags, int slot) { graph.task(id("nonFinite"), GraphKernels::nonFinite, a, flags, slot, a.getSize()); }

    // ------------------------------------------------------------------ norms, SwiGLU, attention

    void rms(FloatArray x, FloatArray y, FloatArray rstd, int rows, int n, float eps) {
        graph.task(id("rms"), RmsNorm::forward, x, y, rstd, rows, n, eps);
    }

    void rmsBackward(FloatArray x, FloatArray rstd, FloatArray dy, FloatArray dx, int rows, int n) {
        graph.task(id("dRms"), RmsNorm::backward, x, rstd, dy, dx, rows, n);
    }

    /** [batch, r, c] -> [batch, c, r]. */
    void transpose(FloatArray x, FloatArray y, int batch, int r, int c) {
        graph.task(id("transpose"), RmsNorm::transpose, x, y, batch, r, c);
    }

    void swiglu(FloatArray gu, FloatArray h, int rows, int inter) {
        graph.task(id("swiglu"), SwiGlu::forward, gu, h, rows, inter, SwiGlu.span(kernels.device(), inter));
    }

    void swigluBackward(FloatArray gu, FloatArray dh, FloatArray dgu, int rows, int inter) {
        graph.task(id("dSwiglu"), SwiGlu::backward, gu, dh, dgu, rows, inter, SwiGlu.span(kernels.device(), inter));
    }

    void rope(FloatArray qkv, FloatArray cos, FloatArray sin, int rows, int seqLen, int heads, int headDim) {
        graph.task(id("rope"), Rope::forward, qkv, cos, sin, rows, seqLen, heads, headDim);
    }

    void ropeBackward(FloatArray dqkv, FloatArray cos, FloatArray sin, int rows, int seqLen, int heads, int headDim) {
        graph.task(id("dRope"), Rope::backward, dqkv, cos, sin, rows, seqLen, heads, headDim);
    }

    void attention(FloatArray qkv, FloatArray p, FloatArray lse, FloatArray o, int batch, int len, int heads, int headDim, float scale) {
        graph.task(id("attnProbs"), Attention::forwardProbs, qkv, p, lse, batch, len, heads, headDim, scale);
        graph.task(id("attnOut"), Attention::forwardOutput, p, qkv, o, batch, len, heads, headDim);
    }

    /** dqkv from dO; p (saved probabilities) is turned into dS in place. */
    void attentionBackward(FloatArray qkv, FloatArray p, FloatArray o, FloatArray dO, FloatArray delta, FloatArray dqkv,
                           int batch, int len, int heads, int headDim, float scale) {
        graph.task(id("dAttnDelta"), Attention::backwardDelta, dO, o, delta, batch, len, heads, headDim);
        graph.task(id("dAttnV"), Attention::backwardValue, p, dO, dqkv, batch, len, heads, headDim);
        graph.task(id("dAttnS"), Attention::backwardScores, qkv, dO, delta, p, batch, len, heads, headDim);
        graph.task(id("dAttnQK"), Attention::backwardQueryKey, p, qkv, dqkv, batch, len, heads, headDim, scale);
    }

    // ------------------------------------------------------------------ embedding

    void embed(IntArray ids, IntArray puzzleIds, FloatArray embed, FloatArray puzzleEmb, FloatArray x,
               int batch, int seqLen, int prefix, int dim, float scale) {
        graph.task(id("embed"), Embedding::forward, ids, puzzleIds, embed, puzzleEmb, x, batch, seqLen, prefix, dim, scale);
    }

    void embedPos(IntArray ids, IntArray puzzleIds, FloatArray embed, FloatArray puzzleEmb, FloatArray pos, FloatArray x,
                  int batch, int seqLen, int prefix, int dim, float scale, float posScale) {
        graph.task(id("embedPos"), Embedding::forwardPos, ids, puzzleIds, embed, puzzleEmb, pos, x, batch, seqLen, prefix, dim, scale, posScale);
    }

    void embedBackwardTokens(FloatArray dx, IntArray ids, FloatArray dEmbed, int batch, int seqLen, int prefix, int dim, int vocab, float scale) {
        graph.task(id("dEmbed"), Embedding::backwardTokens, dx, ids, dEmbed, batch, seqLen, prefix, dim, vocab, scale);
    }

    void embedBackwardPuzzle(FloatArray dx, FloatArray dSlot, int batch, int seqLen, int prefix, int dim, float scale) {
        graph.task(id("dPuzzle"), Embedding::backwardPuzzle, dx, dSlot, batch, seqLen, prefix, dim, scale);
    }

    void puzzlePrefixAdd(IntArray ids, FloatArray table, FloatArray x, int batch, int stride, int ndim, float scale) {
        graph.task(id("puzzlePrefix"), GraphKernels::puzzlePrefixAdd, ids, table, x, batch, stride, ndim, scale);
    }

    void puzzlePrefixBackward(FloatArray dx, FloatArray dSlot, int batch, int stride, int ndim, float scale) {
        graph.task(id("dPuzzlePrefix"), GraphKernels::puzzlePrefixBackward, dx, dSlot, batch, stride, ndim, scale);
    }

    void embedBackwardPos(FloatArray dx, FloatArray dPos, int batch, int seqLen, int prefix, int dim, float scale) {
        graph.task(id("dPos"), Embedding::backwardPos, dx, dPos, batch, seqLen, prefix, dim, scale);
    }

    // ------------------------------------------------------------------ ACT carry, losses, metrics

    void resetData(IntArray halted, IntArray newInputs, IntArray newLabels, IntArray newPuzzleIds,
                   IntArray inputs, IntArray labels, IntArray puzzleIds, IntArray steps, int batch, int seqLen) {
        graph.task(id("resetData"), ActCarry::resetData, halted, newInputs, newLabels, newPuzzleIds, inputs, labels, puzzleIds, steps, batch, seqLen);
    }

    void resetState(IntArray halted, FloatArray zH, FloatArray zL, FloatArray hInit, FloatArray lInit, int batch, int len, int dim) {
        graph.task(id("resetState"), ActCarry::resetState, halted, zH, zL, hInit, lInit, batch, len, dim);
    }

    void halt(IntArray steps, IntArray halted, FloatArray q, IntArray minHaltSteps, int batch, int maxSteps, boolean training) {
        graph.task(id("halt"), ActCarry::halt, steps, halted, q, minHaltSteps, batch, maxSteps, training ? 1 : 0);
    }

    void lossForward(boolean stablemax, FloatArray logits, IntArray labels, DoubleArray seqLoss, IntArray count,
                     int batch, int seqLen, int len, int vocab, float factor) {
        if (stablemax) graph.task(id("loss"), Losses::stablemaxForward, logits, labels, seqLoss, count, batch, seqLen, len, vocab, factor);
        else graph.task(id("loss"), Losses::softmaxForward, logits, labels, seqLoss, count, batch, seqLen, len, vocab, factor);
    }

    void lossBackward(boolean stablemax, FloatArray logits, IntArray labels, IntArray count, FloatArray dLogits,
                      int batch, int seqLen, int len, int vocab, float factor) {
        if (stablemax) graph.task(id("dLoss"), Losses::stablemaxBackward, logits, labels, count, dLogits, batch, seqLen, len, vocab, factor);
        else graph.task(id("dLoss"), Losses::softmaxBackward, logits, labels, count, dLogits, batch, seqLen, len, vocab, factor);
    }

    void tokenMetrics(FloatArray logits, IntArray labels, IntArray correct, IntArray count, IntArray exact, int batch, int seqLen, int len, int vocab) {
        graph.task(id("metrics"), Losses::tokenMetrics, logits, labels, correct, count, exact, batch, seqLen, len, vocab);
    }

    void qHaltForward(FloatArray q, IntArray exact, DoubleArray qLoss, int batch) {
        graph.task(id("qLoss"), Losses::qHaltForward, q, exact, qLoss, batch);
    }

    void qHaltBackward(FloatArray q, IntArray exact, FloatArray dq, int batch, float weight) {
        graph.task(id("dQLoss"), Losses::qHaltBackward, q, exact, dq, batch, weight);
    }

    void summary(IntArray halted, IntArray count, IntArray correct, IntArray exact, FloatArray q, IntArray steps,
                 DoubleArray seqLoss, DoubleArray qLoss, DoubleArray out, int batch) {
        graph.task(id("summary"), Losses::summary, halted, count, correct, exact, q, steps, seqLoss, qLoss, out, batch);
    }

    void argmax(FloatArray logits, IntArray preds, int batch, int seqLen, int len, int vocab, int offset) {
        graph.task(id("argmax"), GraphKernels::argmax, logits, preds, batch, seqLen, len, vocab, offset);
    }

    // ------------------------------------------------------------------ optimizers

    void adamAtan2(FloatArray p, FloatArray g, FloatArray m, FloatArray v, FloatArray rates, float beta1, float beta2, float wd) {
        transposed.remove(p); // p changes here: a later forward must transpose it again
        graph.task(id("adam"), Optimizers::adamAtan2Rates, p, g, m, v, p.getSize(), rates, beta1, beta2, wd, Optimizers.span(kernels.device()));
    }

    void signSgd(FloatArray weights, FloatArray slotGrad, IntArray ids, int batch, int dim, FloatArray rates, float wd) {
        graph.task(id("signSgd"), Optimizers::signSgdRates, weights, slotGrad, ids, batch, dim, rates, wd);
    }

    void ema(FloatArray emaParams, FloatArray params, float rate) {
        graph.task(id("ema"), Optimizers::ema, emaParams, params, params.getSize(), rate);
    }
}
