package org.trm4j.model.reference;

import java.util.Map;

import static org.trm4j.model.reference.RefLayers.*;
import static org.trm4j.model.reference.RefParams.*;

/**
 * A float64 reference of TRM (TRM-SPEC.md sections 1-4), written to be read: the forward pass of each
 * piece next to its backward pass, flat {@code double[]} tensors, plain loops.
 *
 * <p>Tensors: a state z_H / z_L / input embedding is {@code [B, L, D]} with L = P + seqLen (P prefix
 * positions first); logits {@code [B, seqLen, V]}; q logits {@code [B]}.  Parameters are looked up by
 * their reference state-dict names (see {@link RefParams}); the map is used as given, not copied, so a
 * test can perturb an element in place and call again.
 *
 * <p>Gradients are those of {@code (lm_loss + 0.5 q_halt_loss) / globalBatchSize} with the carry
 * entering the last H cycle held constant: the H_cycles-1 earlier cycles build no gradient, and
 * gradient never flows into an earlier supervision step.  H_init/L_init get none.  The puzzle
 * embedding gradient is given both per slot ({@link StepOutput#puzzleSlotGrads}) and summed per
 * identifier into a dense {@code [numIds, ndim]} tensor under {@link RefParams#PUZZLE_EMB}.
 */
public final class TrmReference {
    public static final int IGNORE_LABEL_ID = -100;

    /** The reference scales learned position embeddings by this literal (not Math.sqrt(0.5)). */
    public static final double LEARNED_POS_SCALE = 0.707106781;

    public enum LossType { STABLEMAX, SOFTMAX }

    /** One batch: inputs and labels [B, seqLen] (labels may be -100), puzzle identifiers [B]. */
    public record Batch(int size, int[] inputs, int[] labels, int[] puzzleIds) {
        public Batch {
            if (puzzleIds.length != size || inputs.length != labels.length || inputs.length % size != 0)
                throw new IllegalArgumentException("inconsistent batch");
        }
    }

    /** The recurrent state: z_H and z_L, each [B, L, D]. */
    public record Carry(double[] zH, double[] zL) {}

    /** Losses and the quantities the metrics use, of one supervision step. */
    public record Loss(double lmLoss, double qHaltLoss, double total, double scaledTotal,
                       int[] preds, int[] labelCounts, int[] correctCounts, boolean[] seqCorrect) {}

    /** Everything one supervision step produces. */
    public static final class StepOutput {
        /** Carry entering the gradient cycle (after the H_cycles-1 no-grad cycles). */
        public Carry entry;
        /** New carry (z_H, z_L) after the step, [B, L, D] each. */
        public Carry carry;
        /** [B, seqLen, V] (prefix dropped). */
        public double[] logits;
        /** q_head(z_H[:, 0]): channel 0 = halt, 1 = continue; [B] each. */
        public double[] qHalt, qContinue;
        public Loss loss;
        /** d(total / globalBatchSize) for every name of {@link RefParams#gradientNames}; null without gradients. */
        public Map<String, double[]> grads;
        /** Gradient of the puzzle-embedding rows as used by each slot, [B, ndim] (the reference's local_weights.grad). */
        public double[] puzzleSlotGrads;
    }

    private final RefConfig cfg;
    private final Map<String, double[]> p;
    private final int len, d, v, prefix, seqLen;
    private final double[] cos, sin;

    public TrmReference(RefConfig cfg, Map<String, double[]> params) {
        RefParams.check(cfg, params);
        this.cfg = cfg;
        this.p = params;
        this.len = cfg.totalLen();
        this.d = cfg.hiddenSize();
        this.v = cfg.vocabSize();
        this.prefix = cfg.prefixLen();
        this.seqLen = cfg.seqLen();
        double[][] t = ropeTables(len, cfg.headDim(), cfg.ropeTheta());
        this.cos = t[0];
        this.sin = t[1];
    }

    public RefConfig config() { return cfg; }

    public Map<String, double[]> params() { return p; }

    private double[] w(String name) { return p.get(name); }

    // =================================================================== input embedding

    /**
     * x[b, 0..P) = puzzle_emb[id_b] laid flat over the prefix (zero-padded to P*D);
     * x[b, P+t] = embed_tokens[input_bt];  learned: x = 0.707106781 (x + embed_pos);  then x *= sqrt(D).
     */
    public double[] inputEmbedding(Batch batch) {
        checkBatch(batch);
        int bsz = batch.size();
        double[] x = new double[bsz * len * d];
        double[] tok = w(EMBED_TOKENS);
        for (int b = 0; b < bsz; b++) {
            if (cfg.puzzleEmbNdim() > 0) {
                double[] pe = w(PUZZLE_EMB);
                int id = batch.puzzleIds()[b], nd = cfg.puzzleEmbNdim();
                for (int k = 0; k < nd; k++) x[b * len * d + k] = pe[id * nd + k];
            }
            for (int t = 0; t < seqLen; t++) {
                int token = batch.inputs()[b * seqLen + t];
                for (int j = 0; j < d; j++) x[(b * len + prefix + t) * d + j] = tok[token * d + j];
            }
        }
        if (cfg.learnedPos()) {
            double[] pos = w(EMBED_POS);
            for (int b = 0; b < bsz; b++)
                for (int i = 0; i < len * d; i++) x[b * len * d + i] = LEARNED_POS_SCALE * (x[b * len * d + i] + pos[i]);
        }
        double scale = Math.sqrt(d);
        for (int i = 0; i < x.length; i++) x[i] *= scale;
        return x;
    }

    /** Scatters dx [B, L, D] into embed_tokens, embed_pos and puzzle_emb; fills slotGrads [B, ndim]. */
    private void inputEmbeddingBackward(double[] dx, Batch batch, Map<String, double[]> grads, double[] slotGrads) {
        int bsz = batch.size();
        double scale = Math.sqrt(d) * (cfg.learnedPos() ? LEARNED_POS_SCALE : 1);
        double[] de = new double[dx.length];
        for (int i = 0; i < dx.length; i++) de[i] = dx[i] * scale;
        if (cfg.learnedPos()) {
            double[] dPos = grads.get(EMBED_POS);
            for (int b = 0; b < bsz; b++)
                for (int i = 0; i < len * d; i++) dPos[i] += de[b * len * d + i];
        }
        double[] dTok = grads.get(EMBED_TOKENS);
        for (int b = 0; b < bsz; b++)
            for (int t = 0; t < seqLen; t++) {
                int token = batch.inputs()[b * seqLen + t];
                for (int j = 0; j < d; j++) dTok[token * d + j] += de[(b * len + prefix + t) * d + j];
            }
        if (cfg.puzzleEmbNdim() > 0) {
            double[] dPe = grads.get(PUZZLE_EMB);
            int nd = cfg.puzzleEmbNdim();
            for (int b = 0; b < bsz; b++) {
                int id = batch.puzzleIds()[b];
                for (int k = 0; k < nd; k++) {
                    slotGrads[b * nd + k] = de[b * len * d + k];
                    dPe[id * nd + k] += de[b * len * d + k];
                }
            }
        }
    }

    // =================================================================== one block

    /** What one block remembers from its forward pass. */
    static final class BlockCache {
        double[] x;                 // block input [B, L, D]
        // MLP-T: token mixing over the sequence axis
        double[] t;                 // x transposed, [B, D, L]
        SwiGlu tokenMix;            // SwiGLU_L on the B*D rows of t
        double[] u;                 // t + tokenMix.out, [B*D, L] (normed over L)
        // attention
        double[] q, k, vv;          // [B, L, H*hd] before RoPE
        Attn attn;                  // on RoPE'd q and k
        double[] a;                 // x + o_proj(attn.out), [B, L, D] (normed over D)
        // both
        double[] h1;                // after the first norm, [B, L, D]
        SwiGlu channelMix;          // SwiGLU_D on the B*L rows of h1
        double[] wPre;              // h1 + channelMix.out (normed over D)
        double[] out;               // block output
    }

    /**
     * MLP-T:      t = x^T;  t = rms_L(t + SwiGLU_L(t));  h = t^T;  out = rms_D(h + SwiGLU_D(h)).
     * Attention:  h = rms_D(x + o_proj(attn(rope(q), rope(k), v)));  out = rms_D(h + SwiGLU_D(h)).
     */
    BlockCache blockForward(int layer, double[] x, int bsz) {
        double eps = cfg.rmsNormEps();
        BlockCache c = new BlockCache();
        c.x = x;
        if (cfg.mlpT()) {
            c.t = transpose(x, bsz, len, d);
            c.tokenMix = swigluForward(c.t, w(layer(layer, MLP_T_GATE_UP)), w(layer(layer, MLP_T_DOWN)), bsz * d, len, cfg.interL());
            c.u = add(c.t, c.tokenMix.out());
            c.h1 = transpose(rmsForward(c.u, bsz * d, len, eps), bsz, d, len);
        } else {
            int heads = cfg.numHeads(), hd = cfg.headDim();
            double[] qkv = linearForward(x, w(layer(layer, QKV)), null, bsz * len, d, 3 * d);
            c.q = new double[bsz * len * d];
            c.k = new double[bsz * len * d];
            c.vv = new double[bsz * len * d];
            for (int r = 0; r < bsz * len; r++)
                for (int j = 0; j < d; j++) {
                    c.q[r * d + j] = qkv[r * 3 * d + j];
                    c.k[r * d + j] = qkv[r * 3 * d + d + j];
                    c.vv[r * d + j] = qkv[r * 3 * d + 2 * d + j];
                }
            double[] qr = cfg.rope() ? ropeForward(c.q, bsz, len, heads, hd, cos, sin) : c.q;
            double[] kr = cfg.rope() ? ropeForward(c.k, bsz, len, heads, hd, cos, sin) : c.k;
            c.attn = attentionForward(qr, kr, c.vv, bsz, len, heads, hd);
            double[] o = linearForward(c.attn.out(), w(layer(layer, O_PROJ)), null, bsz * len, d, d);
            c.a = add(x, o);
            c.h1 = rmsForward(c.a, bsz * len, d, eps);
        }
        c.channelMix = swigluForward(c.h1, w(layer(layer, MLP_GATE_UP)), w(layer(layer, MLP_DOWN)), bsz * len, d, cfg.interD());
        c.wPre = add(c.h1, c.channelMix.out());
        c.out = rmsForward(c.wPre, bsz * len, d, eps);
        return c;
    }

    /** Returns d(block input); adds into the block's weight gradients. */
    double[] blockBackward(int layer, double[] dOut, BlockCache c, Map<String, double[]> g, int bsz) {
        double eps = cfg.rmsNormEps();
        double[] dW = rmsBackward(dOut, c.wPre, bsz * len, d, eps);
        double[] dH1 = add(dW, swigluBackward(dW, c.channelMix, w(layer(layer, MLP_GATE_UP)), w(layer(layer, MLP_DOWN)),
                g.get(layer(layer, MLP_GATE_UP)), g.get(layer(layer, MLP_DOWN))));
        if (cfg.mlpT()) {
            double[] dTn = transpose(dH1, bsz, len, d);
            double[] dU = rmsBackward(dTn, c.u, bsz * d, len, eps);
            double[] dT = add(dU, swigluBackward(dU, c.tokenMix, w(layer(layer, MLP_T_GATE_UP)), w(layer(layer, MLP_T_DOWN)),
                    g.get(layer(layer, MLP_T_GATE_UP)), g.get(layer(layer, MLP_T_DOWN))));
            return transpose(dT, bsz, d, len);
        }
        int heads = cfg.numHeads(), hd = cfg.headDim();
        double[] dA = rmsBackward(dH1, c.a, bsz * len, d, eps);
        double[] dAttnOut = linearBackward(dA, c.attn.out(), w(layer(layer, O_PROJ)), g.get(layer(layer, O_PROJ)), null, bsz * len, d, d);
        double[][] dqkv = attentionBackward(dAttnOut, c.attn);
        double[] dq = cfg.rope() ? ropeBackward(dqkv[0], bsz, len, heads, hd, cos, sin) : dqkv[0];
        double[] dk = cfg.rope() ? ropeBackward(dqkv[1], bsz, len, heads, hd, cos, sin) : dqkv[1];
        double[] dQkv = new double[bsz * len * 3 * d];
        for (int r = 0; r < bsz * len; r++)
            for (int j = 0; j < d; j++) {
                dQkv[r * 3 * d + j] = dq[r * d + j];
                dQkv[r * 3 * d + d + j] = dk[r * d + j];
                dQkv[r * 3 * d + 2 * d + j] = dqkv[2][r * d + j];
            }
        double[] dx = linearBackward(dQkv, c.x, w(layer(layer, QKV)), g.get(layer(layer, QKV)), null, bsz * len, d, 3 * d);
        return add(dA, dx);
    }

    // =================================================================== the net

    /** One net application with what its backward needs. */
    record NetPass(double[] out, BlockCache[] blocks) {}

    /** net(h, inj): the lLayers blocks applied to h + inj. */
    public double[] net(double[] h, double[] inj, int bsz) { return netForward(h, inj, bsz).out(); }

    NetPass netForward(double[] h, double[] inj, int bsz) {
        double[] x = add(h, inj);
        BlockCache[] blocks = new BlockCache[cfg.lLayers()];
        for (int i = 0; i < cfg.lLayers(); i++) {
            blocks[i] = blockForward(i, x, bsz);
            x = blocks[i].out;
        }
        return new NetPass(x, blocks);
    }

    /** Returns d(h + inj), which is both d(h) and d(inj). */
    double[] netBackward(double[] dOut, NetPass pass, Map<String, double[]> g, int bsz) {
        double[] dx = dOut;
        for (int i = cfg.lLayers() - 1; i >= 0; i--) dx = blockBackward(i, dx, pass.blocks()[i], g, bsz);
        return dx;
    }

    // =================================================================== one supervision step

    /** The H_cycles-1 cycles without gradient. */
    public Carry noGradCycles(Carry carry, double[] x, int bsz) {
        double[] zH = carry.zH(), zL = carry.zL();
        for (int hc = 0; hc < cfg.hCycles() - 1; hc++) {
            for (int lc = 0; lc < cfg.lCycles(); lc++) zL = net(zL, add(zH, x), bsz);
            zH = net(zH, zL, bsz);
        }
        return new Carry(zH, zL);
    }

    /** Section 3 of TRM-SPEC.md from the carry, then the loss and (optionally) the gradients. */
    public StepOutput supervisionStep(Carry carry, Batch batch, LossType lossType, int globalBatchSize, boolean withGradients) {
        Carry entry = noGradCycles(carry, inputEmbedding(batch), batch.size());
        return stepFromEntry(entry, batch, lossType, globalBatchSize, withGradients);
    }

    /**
     * The last (gradient) cycle from a given entry carry, heads, loss and backward.  Finite differences
     * of this function with the entry held fixed are exactly what the analytic gradient claims.
     */
    public StepOutput stepFromEntry(Carry entry, Batch batch, LossType lossType, int globalBatchSize, boolean withGradients) {
        int bsz = batch.size();
        double[] x = inputEmbedding(batch);

        // ---- forward: L_cycles updates of z_L, then one of z_H
        double[] zH0 = entry.zH(), zL = entry.zL();
        double[] inj = add(zH0, x);
        NetPass[] lPasses = new NetPass[cfg.lCycles()];
        for (int i = 0; i < cfg.lCycles(); i++) {
            lPasses[i] = netForward(zL, inj, bsz);
            zL = lPasses[i].out();
        }
        NetPass hPass = netForward(zH0, zL, bsz);
        double[] zH = hPass.out();

        // ---- heads: lm_head on the token positions, q_head on position 0
        double[] lm = w(LM_HEAD), qw = w(Q_HEAD_W), qb = w(Q_HEAD_B);
        double[] logits = new double[bsz * seqLen * v];
        for (int b = 0; b < bsz; b++)
            for (int t = 0; t < seqLen; t++)
                for (int o = 0; o < v; o++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += zH[(b * len + prefix + t) * d + j] * lm[o * d + j];
                    logits[(b * seqLen + t) * v + o] = s;
                }
        double[] qHalt = new double[bsz], qCont = new double[bsz];
        for (int b = 0; b < bsz; b++) {
            double h = qb[0], c = qb[1];
            for (int j = 0; j < d; j++) {
                h += zH[b * len * d + j] * qw[j];
                c += zH[b * len * d + j] * qw[d + j];
            }
            qHalt[b] = h;
            qCont[b] = c;
        }

        // ---- loss
        double[] dLogits = withGradients ? new double[logits.length] : null;
        double[] dQHalt = withGradients ? new double[bsz] : null;
        Loss loss = loss(logits, qHalt, batch.labels(), bsz, lossType, globalBatchSize, dLogits, dQHalt);

        StepOutput out = new StepOutput();
        out.entry = entry;
        out.carry = new Carry(zH, zL);
        out.logits = logits;
        out.qHalt = qHalt;
        out.qContinue = qCont;
        out.loss = loss;
        if (!withGradients) return out;

        // ---- backward: heads
        Map<String, double[]> g = RefParams.zeroGradients(cfg);
        double[] dZH = new double[zH.length];
        double[] dLm = g.get(LM_HEAD), dQw = g.get(Q_HEAD_W), dQb = g.get(Q_HEAD_B);
        for (int b = 0; b < bsz; b++)
            for (int t = 0; t < seqLen; t++)
                for (int o = 0; o < v; o++) {
                    double gl = dLogits[(b * seqLen + t) * v + o];
                    for (int j = 0; j < d; j++) {
                        int zi = (b * len + prefix + t) * d + j;
                        dLm[o * d + j] += gl * zH[zi];
                        dZH[zi] += gl * lm[o * d + j];
                    }
                }
        for (int b = 0; b < bsz; b++) { // only the halt channel is in the loss; continue gets zero gradient
            double gq = dQHalt[b];
            dQb[0] += gq;
            for (int j = 0; j < d; j++) {
                dQw[j] += gq * zH[b * len * d + j];
                dZH[b * len * d + j] += gq * qw[j];
            }
        }

        // ---- backward: z_H = net(z_H0, z_L): z_H0 is a constant, the injection z_L gets the gradient
        double[] dZL = netBackward(dZH, hPass, g, bsz);
        // ---- backward: z_L_{i+1} = net(z_L_i, z_H0 + x): d(sum) goes to z_L_i and to x
        double[] dX = new double[x.length];
        for (int i = cfg.lCycles() - 1; i >= 0; i--) {
            double[] dSum = netBackward(dZL, lPasses[i], g, bsz);
            addInto(dX, dSum);
            dZL = dSum; // reaching the entry carry, this is dropped
        }
        out.puzzleSlotGrads = new double[bsz * cfg.puzzleEmbNdim()];
        inputEmbeddingBackward(dX, batch, g, out.puzzleSlotGrads);
        out.grads = g;
        return out;
    }

    /**
     * ACTLossHead: per sequence, sum of token losses over labelled tokens / max(count, 1), summed over
     * sequences; q_halt_loss = sum BCE-with-logits(q_halt, seq exactly right); total = lm + 0.5 q.
     * Gradients (if the arrays are given) are of total / globalBatchSize.
     */
    public Loss loss(double[] logits, double[] qHalt, int[] labels, int bsz, LossType type, int globalBatchSize,
                     double[] dLogits, double[] dQHalt) {
        double lm = 0, qLoss = 0;
        int[] preds = new int[bsz * seqLen], counts = new int[bsz], correct = new int[bsz];
        boolean[] seqCorrect = new boolean[bsz];
        for (int b = 0; b < bsz; b++) {
            for (int t = 0; t < seqLen; t++) if (labels[b * seqLen + t] != IGNORE_LABEL_ID) counts[b]++;
            double divisor = Math.max(counts[b], 1);
            for (int t = 0; t < seqLen; t++) {
                int row = (b * seqLen + t) * v, label = labels[b * seqLen + t];
                preds[b * seqLen + t] = argmax(logits, row, v);
                if (label == IGNORE_LABEL_ID) continue;
                if (preds[b * seqLen + t] == label) correct[b]++;
                double scale = 1.0 / divisor / globalBatchSize;
                double tokenLoss = type == LossType.STABLEMAX
                        ? stablemaxCrossEntropy(logits, row, v, label, dLogits, scale)
                        : softmaxCrossEntropy(logits, row, v, label, dLogits, scale);
                lm += tokenLoss / divisor;
            }
            seqCorrect[b] = correct[b] == counts[b];
            double target = seqCorrect[b] ? 1 : 0;
            qLoss += bceWithLogits(qHalt[b], target);
            if (dQHalt != null) dQHalt[b] = 0.5 * (sigmoid(qHalt[b]) - target) / globalBatchSize;
        }
        double total = lm + 0.5 * qLoss;
        return new Loss(lm, qLoss, total, total / globalBatchSize, preds, counts, correct, seqCorrect);
    }

    private void checkBatch(Batch batch) {
        if (batch.inputs().length != batch.size() * seqLen) throw new IllegalArgumentException("inputs are not [B, seqLen]");
        for (int t : batch.inputs()) if (t < 0 || t >= v) throw new IllegalArgumentException("token out of range: " + t);
        for (int t : batch.labels())
            if (t != IGNORE_LABEL_ID && (t < 0 || t >= v)) throw new IllegalArgumentException("label out of range: " + t);
        if (cfg.puzzleEmbNdim() > 0)
            for (int id : batch.puzzleIds())
                if (id < 0 || id >= cfg.numPuzzleIdentifiers()) throw new IllegalArgumentException("puzzle id out of range: " + id);
    }

    // =================================================================== ACT wrapper (section 4)

    /** B slots: carry, steps, halted flags and the example each slot works on. */
    public static final class ActState {
        public final int size;
        public double[] zH, zL;
        public int[] steps;
        public boolean[] halted;
        public Batch current;

        /** All slots halted (so the first step takes the whole incoming batch); z is reset then. */
        public ActState(RefConfig cfg, int size) {
            this.size = size;
            int n = size * cfg.totalLen() * cfg.hiddenSize();
            zH = new double[n];
            zL = new double[n];
            steps = new int[size];
            halted = new boolean[size];
            java.util.Arrays.fill(halted, true);
            int s = size * cfg.seqLen();
            current = new Batch(size, new int[s], new int[s], new int[size]);
        }
    }

    /** The reference's training metrics (sums over halted slots with labels, as ACTLossHead returns them). */
    public record Metrics(int count, double accuracy, int exactAccuracy, int qHaltAccuracy, int steps,
                          double lmLoss, double qHaltLoss) {}

    /** What one ACT step did. */
    public record ActStep(boolean[] reset, Batch current, StepOutput out, int[] steps, boolean[] halted, Metrics metrics) {}

    /**
     * One ACT step (mutates {@code state}):  halted slots take the example at their index in
     * {@code incoming} and reset z to H_init/L_init and steps to 0;  the supervision step runs;
     * steps += 1;  halted = steps >= haltMaxSteps, and when training (and haltMaxSteps > 1)
     * halted |= q_halt > 0, then halted &= steps >= minHaltSteps[b] (the exploration draw, given
     * by the caller: 0 where the slot does not explore).
     */
    public ActStep actStep(ActState state, Batch incoming, int[] minHaltSteps, boolean training,
                           LossType lossType, int globalBatchSize) {
        int bsz = state.size, s = seqLen, ld = len * d;
        if (incoming.size() != bsz) throw new IllegalArgumentException("incoming batch size != slots");
        boolean[] reset = state.halted.clone();
        int[] inputs = state.current.inputs().clone(), labels = state.current.labels().clone(), ids = state.current.puzzleIds().clone();
        double[] zH = state.zH.clone(), zL = state.zL.clone();
        int[] steps = state.steps.clone();
        double[] hInit = w(H_INIT), lInit = w(L_INIT);
        for (int b = 0; b < bsz; b++) {
            if (!reset[b]) continue;
            System.arraycopy(incoming.inputs(), b * s, inputs, b * s, s);
            System.arraycopy(incoming.labels(), b * s, labels, b * s, s);
            ids[b] = incoming.puzzleIds()[b];
            steps[b] = 0;
            for (int i = 0; i < ld; i++) {
                zH[b * ld + i] = hInit[i % d];
                zL[b * ld + i] = lInit[i % d];
            }
        }
        Batch current = new Batch(bsz, inputs, labels, ids);
        StepOutput out = supervisionStep(new Carry(zH, zL), current, lossType, globalBatchSize, true);

        boolean[] halted = new boolean[bsz];
        for (int b = 0; b < bsz; b++) {
            steps[b] += 1;
            halted[b] = steps[b] >= cfg.haltMaxSteps();
            if (training && cfg.haltMaxSteps() > 1) {
                halted[b] |= out.qHalt[b] > 0;
                halted[b] &= steps[b] >= (minHaltSteps == null ? 0 : minHaltSteps[b]);
            }
        }

        int count = 0, exact = 0, qAcc = 0, stepSum = 0;
        double acc = 0;
        for (int b = 0; b < bsz; b++) {
            boolean valid = halted[b] && out.loss.labelCounts()[b] > 0;
            if (!valid) continue;
            count++;
            acc += (double) out.loss.correctCounts()[b] / Math.max(out.loss.labelCounts()[b], 1);
            if (out.loss.seqCorrect()[b]) exact++;
            if ((out.qHalt[b] >= 0) == out.loss.seqCorrect()[b]) qAcc++;
            stepSum += steps[b];
        }
        Metrics metrics = new Metrics(count, acc, exact, qAcc, stepSum, out.loss.lmLoss(), out.loss.qHaltLoss());

        state.zH = out.carry.zH();
        state.zL = out.carry.zL();
        state.steps = steps;
        state.halted = halted;
        state.current = current;
        return new ActStep(reset, current, out, steps.clone(), halted.clone(), metrics);
    }
}
