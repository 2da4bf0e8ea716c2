package org.trm4j.model.graph;

import java.util.LinkedHashMap;
import java.util.Map;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.kernels.Rope;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;

/**
 * The TRM network as task-appending methods over device buffers (TRM-SPEC.md sections 1-3): input embedding,
 * {@code net(h, inj)} forward and backward, and the heads. It owns the activation buffers it hands out; the
 * graphs ({@link TrainingStepGraph}, {@link InferenceGraph}) decide which are saved for the gradient cycle.
 *
 * <p>Layouts: states and the input embedding are [B, L, D] (L = prefix + seqLen), i.e. rows = B*L of D;
 * the MLP block's token mixing works on the transpose [B, D, L] (rows = B*D of L); logits are [B, L, V]
 * (lm_head runs over all rows; the loss kernels skip the prefix rows); q logits are [B, 2].
 */
final class TrmNet {
    final TrmConfig c;
    final Ops ops;
    final int batch, len, seqLen, prefix, d, vocab, rows, layers, heads, headDim, interD, interL;
    final float eps, attnScale, embedScale;
    private final Map<String, FloatArray> w;
    /** Gradients by tensor name (ADAM tensors; the puzzle embedding's is per slot, {@link #puzzleSlotGrad}); empty without backward. */
    final Map<String, FloatArray> grads = new LinkedHashMap<>();
    final FloatArray ropeCos, ropeSin;
    /** Stand-in for the puzzle table when the config has none (the embedding kernel does not read it then). */
    private final FloatArray noPuzzle = new FloatArray(1);
    /**
     * puzzle_emb_ndim != D: the embedding kernel (one D-wide puzzle row at prefix position 0) gets a zero row and
     * zero ids, and {@link Ops#puzzlePrefixAdd} lays the ndim-wide rows over the flattened prefix.
     */
    private final boolean widePuzzle;
    private final FloatArray zeroPuzzleRow;
    private final IntArray zeroPuzzleIds;

    // forward temporaries that no backward needs
    private final FloatArray s1, s2;
    // backward scratch
    private FloatArray bW, bHm, bGu, bH1, bTn, bU, bHT, bGuT, bT, bA, bO, bDelta, bQkv, bNet0, bNet1;
    FloatArray puzzleSlotGrad;

    /** Activations of one block application (what its backward reads). */
    final class BlockActs {
        // MLP-T token mixing
        FloatArray t, guT, hT, u, rstdT;
        // attention
        FloatArray qkv, p, lse, o, a, rstdA;
        // both
        FloatArray h1, gu, hm, wPre, rstd;
        /** Block output; null for the last block, which writes the net's destination. */
        FloatArray out;

        BlockActs(boolean last) {
            if (c.mlpT()) {
                t = new FloatArray(rows * d);
                guT = new FloatArray(batch * d * 2 * interL);
                hT = new FloatArray(batch * d * interL);
                u = new FloatArray(rows * d);
                rstdT = new FloatArray(batch * d);
            } else {
                qkv = new FloatArray(rows * 3 * d);
                p = new FloatArray(batch * heads * len * len);
                lse = new FloatArray(batch * heads * len);
                o = new FloatArray(rows * d);
                a = new FloatArray(rows * d);
                rstdA = new FloatArray(rows);
            }
            h1 = new FloatArray(rows * d);
            gu = new FloatArray(rows * 2 * interD);
            hm = new FloatArray(rows * interD);
            wPre = new FloatArray(rows * d);
            rstd = new FloatArray(rows);
            out = last ? null : new FloatArray(rows * d);
        }
    }

    /** One net application: its input h + inj and its blocks. */
    final class NetActs {
        final FloatArray in = new FloatArray(rows * d);
        final BlockActs[] blocks = new BlockActs[layers];

        NetActs() {
            for (int i = 0; i < layers; i++) blocks[i] = new BlockActs(i == layers - 1);
        }
    }

    TrmNet(TrmConfig c, Parameters params, Ops ops, int batch) {
        this.c = c;
        this.ops = ops;
        this.batch = batch;
        this.len = c.totalLen();
        this.seqLen = c.seqLen();
        this.prefix = c.puzzleEmbLen();
        this.d = c.hiddenSize();
        this.vocab = c.vocabSize();
        this.rows = batch * len;
        this.layers = c.lLayers();
        this.heads = c.numHeads();
        this.headDim = c.headDim();
        this.interD = c.channelInter();
        this.interL = c.tokenInter();
        this.eps = (float) c.rmsNormEps();
        this.attnScale = (float) (1.0 / Math.sqrt(headDim));
        this.embedScale = (float) c.embedScale();
        if ((long) batch * len * Math.max(3 * d, Math.max(2 * interD, len * heads)) > Integer.MAX_VALUE)
            throw new IllegalArgumentException("batch " + batch + " is too large for one array per activation at " + c.name());
        this.w = params.tensors();
        this.widePuzzle = c.hasPuzzleEmb() && c.puzzleEmbNdim() != c.hiddenSize();
        this.zeroPuzzleRow = widePuzzle ? new FloatArray(d) : null;
        this.zeroPuzzleIds = widePuzzle ? new IntArray(batch) : null;
        this.s1 = new FloatArray(rows * d);
        this.s2 = new FloatArray(rows * d);
        if (!c.mlpT() && c.usesRope()) {
            ropeCos = new FloatArray(len * headDim);
            ropeSin = new FloatArray(len * headDim);
            Rope.tables(ropeCos, ropeSin, len, headDim, (float) c.ropeTheta()); // on the host, once, as PyTorch does (float)
        } else {
            ropeCos = null;
            ropeSin = null;
        }
    }

    FloatArray weight(String name) { return w.get(name); }

    FloatArray puzzleTable() { return c.hasPuzzleEmb() ? w.get(ParameterSpec.PUZZLE_EMB) : noPuzzle; }

    /** Allocates the gradient arrays and the backward scratch. */
    void enableBackward(Parameters params) {
        for (var t : params.spec().withRole(org.trm4j.model.TensorSpec.Role.ADAM)) grads.put(t.name(), new FloatArray(t.numel()));
        puzzleSlotGrad = new FloatArray(c.hasPuzzleEmb() ? batch * c.puzzleEmbNdim() : 1);
        bW = new FloatArray(rows * d);
        bHm = new FloatArray(rows * interD);
        bGu = new FloatArray(rows * 2 * interD);
        bH1 = new FloatArray(rows * d);
        if (c.mlpT()) {
            bTn = new FloatArray(rows * d);
            bU = new FloatArray(rows * d);
            bHT = new FloatArray(batch * d * interL);
            bGuT = new FloatArray(batch * d * 2 * interL);
            bT = new FloatArray(rows * d);
        } else {
            bA = new FloatArray(rows * d);
            bO = new FloatArray(rows * d);
            bDelta = new FloatArray(batch * heads * len);
            bQkv = new FloatArray(rows * 3 * d);
        }
        bNet0 = new FloatArray(rows * d);
        bNet1 = new FloatArray(rows * d);
    }

    FloatArray grad(String name) { return grads.get(name); }

    // =================================================================== input embedding

    /** x = sqrt(D) * [puzzle row, 0.., embed_tokens[inputs]] (learned positions: sqrt(D) * 0.7071 (e + pos)). */
    void inputEmbedding(IntArray inputs, IntArray puzzleIds, FloatArray x) {
        FloatArray tok = weight(ParameterSpec.EMBED_TOKENS);
        IntArray ids = widePuzzle ? zeroPuzzleIds : puzzleIds;
        FloatArray table = widePuzzle ? zeroPuzzleRow : puzzleTable();
        if (c.usesLearnedPos())
            ops.embedPos(inputs, ids, tok, table, weight(ParameterSpec.EMBED_POS), x, batch, seqLen, prefix, d,
                    embedScale, TrainingStepGraph.LEARNED_POS_SCALE);
        else ops.embed(inputs, ids, tok, table, x, batch, seqLen, prefix, d, embedScale);
        if (widePuzzle) ops.puzzlePrefixAdd(puzzleIds, puzzleTable(), x, batch, len * d, c.puzzleEmbNdim(), embeddingScale());
    }

    /** What the embedding is multiplied by: sqrt(D), times 0.7071 with learned positions. */
    private float embeddingScale() { return c.usesLearnedPos() ? embedScale * TrainingStepGraph.LEARNED_POS_SCALE : embedScale; }

    /** Backward of {@link #inputEmbedding}: token (and position) gradients accumulate; the puzzle rows' per slot. */
    void inputEmbeddingBackward(FloatArray dx, IntArray inputs) {
        float scale = embeddingScale();
        ops.embedBackwardTokens(dx, inputs, grad(ParameterSpec.EMBED_TOKENS), batch, seqLen, prefix, d, vocab, scale);
        if (c.usesLearnedPos()) ops.embedBackwardPos(dx, grad(ParameterSpec.EMBED_POS), batch, seqLen, prefix, d, scale);
        if (widePuzzle) ops.puzzlePrefixBackward(dx, puzzleSlotGrad, batch, len * d, c.puzzleEmbNdim(), scale);
        else if (c.hasPuzzleEmb()) ops.embedBackwardPuzzle(dx, puzzleSlotGrad, batch, seqLen, prefix, d, scale);
    }

    // =================================================================== net(h, inj)

    /** dest = net(h, inj1 (+ inj2)): the blocks applied to h + (inj1 + inj2); activations kept in {@code acts}. */
    void netForward(NetActs acts, FloatArray h, FloatArray inj1, FloatArray inj2, FloatArray dest) {
        if (inj2 != null) ops.add3(h, inj1, inj2, acts.in);
        else ops.add(h, inj1, acts.in);
        FloatArray x = acts.in;
        for (int i = 0; i < layers; i++) {
            FloatArray out = i == layers - 1 ? dest : acts.blocks[i].out;
            blockForward(i, x, acts.blocks[i], out);
            x = out;
        }
    }

    /** dIn = d(h + inj) from dOut = d(net output); weight gradients accumulate. dIn must not be dOut. */
    void netBackward(NetActs acts, FloatArray dOut, FloatArray dIn) {
        FloatArray dy = dOut;
        for (int i = layers - 1; i >= 0; i--) {
            FloatArray x = i == 0 ? acts.in : acts.blocks[i - 1].out;
            FloatArray dx = i == 0 ? dIn : (i % 2 == 0 ? bNet0 : bNet1);
            blockBackward(i, x, acts.blocks[i], dy, dx);
            dy = dx;
        }
    }

    // =================================================================== one block

    /**
     * MLP-T:     t = x^T; u = t + SwiGLU_L(t); h1 = rms_L(u)^T
     * attention: a = x + o_proj(attn(rope(q), rope(k), v)); h1 = rms_D(a)
     * both:      wPre = h1 + SwiGLU_D(h1); out = rms_D(wPre)
     */
    void blockForward(int layer, FloatArray x, BlockActs a, FloatArray out) {
        if (c.mlpT()) {
            ops.transpose(x, a.t, batch, len, d);
            ops.linearSwiGlu(a.t, weight(ParameterSpec.mlpTGateUp(layer)), a.guT, a.hT, batch * d, len, interL);
            ops.linear(a.hT, weight(ParameterSpec.mlpTDown(layer)), s1, batch * d, interL, len);
            ops.add(a.t, s1, a.u);
            ops.rms(a.u, s2, a.rstdT, batch * d, len, eps);
            ops.transpose(s2, a.h1, batch, d, len);
        } else {
            ops.linear(x, weight(ParameterSpec.qkvProj(layer)), a.qkv, rows, d, 3 * d);
            if (ropeCos != null) ops.rope(a.qkv, ropeCos, ropeSin, rows, len, heads, headDim);
            ops.attention(a.qkv, a.p, a.lse, a.o, batch, len, heads, headDim, attnScale);
            ops.linear(a.o, weight(ParameterSpec.oProj(layer)), s1, rows, d, d);
            ops.add(x, s1, a.a);
            ops.rms(a.a, a.h1, a.rstdA, rows, d, eps);
        }
        ops.linearSwiGlu(a.h1, weight(ParameterSpec.mlpGateUp(layer)), a.gu, a.hm, rows, d, interD);
        ops.linear(a.hm, weight(ParameterSpec.mlpDown(layer)), s1, rows, interD, d);
        ops.add(a.h1, s1, a.wPre);
        ops.rms(a.wPre, out, a.rstd, rows, d, eps);
    }

    /** dx = d(block input) from dy = d(block output); x is the block input the forward saw. */
    void blockBackward(int layer, FloatArray x, BlockActs a, FloatArray dy, FloatArray dx) {
        // out = rms_D(wPre), wPre = h1 + down(swiglu(gate_up(h1)))
        ops.rmsBackward(a.wPre, a.rstd, dy, bW, rows, d);
        swigluMlpBackward(bW, a.h1, a.gu, a.hm, ParameterSpec.mlpGateUp(layer), ParameterSpec.mlpDown(layer),
                bHm, bGu, bH1, rows, d, interD);
        if (c.mlpT()) {
            // h1 = rms_L(u)^T, u = t + SwiGLU_L(t), t = x^T
            ops.transpose(bH1, bTn, batch, len, d);
            ops.rmsBackward(a.u, a.rstdT, bTn, bU, batch * d, len);
            swigluMlpBackward(bU, a.t, a.guT, a.hT, ParameterSpec.mlpTGateUp(layer), ParameterSpec.mlpTDown(layer),
                    bHT, bGuT, bT, batch * d, len, interL);
            ops.transpose(bT, dx, batch, d, len);
        } else {
            // h1 = rms_D(a), a = x + o_proj(attn), qkv = rope(x Wqkv^T)
            ops.rmsBackward(a.a, a.rstdA, bH1, bA, rows, d);
            ops.linearBackWeight(bA, a.o, grad(ParameterSpec.oProj(layer)), rows, d, d);
            ops.linearBackInput(bA, weight(ParameterSpec.oProj(layer)), bO, rows, d, d, false);
            ops.attentionBackward(a.qkv, a.p, a.o, bO, bDelta, bQkv, batch, len, heads, headDim, attnScale);
            if (ropeCos != null) ops.ropeBackward(bQkv, ropeCos, ropeSin, rows, len, heads, headDim);
            ops.linearBackWeight(bQkv, x, grad(ParameterSpec.qkvProj(layer)), rows, d, 3 * d);
            ops.copy(bA, dx);
            ops.linearBackInput(bQkv, weight(ParameterSpec.qkvProj(layer)), dx, rows, d, 3 * d, true);
        }
    }

    /**
     * Backward of r = h + down(swiglu(gate_up(h))) given dr: dh = dr + gate_up^T(swiglu'(down^T dr)); the two
     * weight gradients accumulate. h [n, width], gu [n, 2 inter], hm [n, inter].
     */
    private void swigluMlpBackward(FloatArray dr, FloatArray h, FloatArray gu, FloatArray hm, String gateUp, String down,
                                   FloatArray dHm, FloatArray dGu, FloatArray dh, int n, int width, int inter) {
        ops.linearBackWeight(dr, hm, grad(down), n, inter, width);
        ops.linearBackInput(dr, weight(down), dHm, n, inter, width, false);
        ops.swigluBackward(gu, dHm, dGu, n, inter);
        ops.linearBackWeight(dGu, h, grad(gateUp), n, width, 2 * inter);
        ops.copy(dr, dh);
        ops.linearBackInput(dGu, weight(gateUp), dh, n, width, 2 * inter, true);
    }

    // =================================================================== heads

    /** logits = lm_head(z_H) over all rows [B, L, V]; q = q_head(z_H[:, 0]) [B, 2]; qIn keeps z_H[:, 0]. */
    void heads(FloatArray zH, FloatArray logits, FloatArray qIn, FloatArray q) {
        ops.linear(zH, weight(ParameterSpec.LM_HEAD), logits, rows, d, vocab);
        ops.gatherPosition(zH, qIn, batch, len, d, 0);
        ops.linearBias(qIn, weight(ParameterSpec.Q_HEAD_WEIGHT), weight(ParameterSpec.Q_HEAD_BIAS), q, batch, d, 2);
    }

    /** dZH from dLogits and dq (overwritten); head weight gradients accumulate. dQIn is scratch [B, D]. */
    void headsBackward(FloatArray zH, FloatArray qIn, FloatArray dLogits, FloatArray dq, FloatArray dQIn, FloatArray dZH) {
        ops.linearBackWeight(dLogits, zH, grad(ParameterSpec.LM_HEAD), rows, d, vocab);
        ops.linearBackInput(dLogits, weight(ParameterSpec.LM_HEAD), dZH, rows, d, vocab, false);
        ops.linearBackWeight(dq, qIn, grad(ParameterSpec.Q_HEAD_WEIGHT), batch, d, 2);
        ops.linearBackBias(dq, grad(ParameterSpec.Q_HEAD_BIAS), batch, 2);
        ops.linearBackInput(dq, weight(ParameterSpec.Q_HEAD_WEIGHT), dQIn, batch, d, 2, false);
        ops.scatterAddPosition(dQIn, dZH, batch, len, d, 0);
    }
}
