package org.trm4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.trm4j.model.TensorSpec.Init;
import org.trm4j.model.TensorSpec.Role;

/**
 * The ordered list of a config's tensors, named as the reference's state dict (the training script wraps the
 * model in ACTLossHead as {@code model}, hence {@code model.inner.}; torch.compile adds {@code _orig_mod.} in
 * front, which {@link Checkpoint#load} accepts). Checked against models/recursive_reasoning/trm.py,
 * models/layers.py and models/sparse_embedding.py:
 *
 * <pre>
 * model.inner.H_init                                 [D]                 BUFFER trunc normal std 1
 * model.inner.L_init                                 [D]                 BUFFER trunc normal std 1
 * model.inner.embed_tokens.embedding_weight          [vocab, D]          ADAM   trunc normal std 1/sqrt(D)     (CastedEmbedding)
 * model.inner.lm_head.weight                         [vocab, D]          ADAM   trunc normal std 1/sqrt(D)     (CastedLinear, fan_in D)
 * model.inner.q_head.weight                          [2, D]              ADAM   0                              (zeroed after init)
 * model.inner.q_head.bias                            [2]                 ADAM   -5
 * model.inner.puzzle_emb.weights                     [ids, ndim]         SIGN_SGD 0   (if puzzleEmbNdim > 0; a persistent buffer)
 * model.inner.embed_pos.embedding_weight             [L, D]              ADAM   trunc normal std 1/sqrt(D)     (pos "learned" only)
 * per layer i of L_level.layers (lLayers of them), prefix model.inner.L_level.layers.{i}.
 *   self_attn.qkv_proj.weight                        [3D, D]             ADAM   std 1/sqrt(D)   (attention: heads + 2 kv heads, kv heads = heads)
 *   self_attn.o_proj.weight                          [D, D]              ADAM   std 1/sqrt(D)
 *   mlp_t.gate_up_proj.weight                        [2*inter(L), L]     ADAM   std 1/sqrt(L)   (mlpT: instead of self_attn; L = totalLen)
 *   mlp_t.down_proj.weight                           [L, inter(L)]       ADAM   std 1/sqrt(inter(L))
 *   mlp.gate_up_proj.weight                          [2*inter(D), D]     ADAM   std 1/sqrt(D)
 *   mlp.down_proj.weight                             [D, inter(D)]       ADAM   std 1/sqrt(inter(D))
 * </pre>
 * The order is the reference's state-dict order: the inner module's own buffers H_init, L_init first, then its
 * children in registration order (embed_tokens, lm_head, q_head, puzzle_emb, embed_pos, L_level); the
 * non-persistent buffers (rotary cos/sin, the sparse embedding's local_weights/local_ids) are not listed: they are not
 * saved. CastedLinear's std is {@code 1.0 / (in_features ** 0.5)} (LeCun, fan_in = the second dimension);
 * no linear layer of TRM has a bias except q_head (zero-init, then filled with -5).
 */
public final class ParameterSpec {
    public static final String PREFIX = "model.inner.";
    public static final String EMBED_TOKENS = PREFIX + "embed_tokens.embedding_weight";
    public static final String LM_HEAD = PREFIX + "lm_head.weight";
    public static final String Q_HEAD_WEIGHT = PREFIX + "q_head.weight";
    public static final String Q_HEAD_BIAS = PREFIX + "q_head.bias";
    public static final String PUZZLE_EMB = PREFIX + "puzzle_emb.weights";
    public static final String EMBED_POS = PREFIX + "embed_pos.embedding_weight";
    public static final String H_INIT = PREFIX + "H_init";
    public static final String L_INIT = PREFIX + "L_init";

    /** {@code model.inner.L_level.layers.<layer>.} */
    public static String layerPrefix(int layer) { return PREFIX + "L_level.layers." + layer + "."; }
    public static String qkvProj(int layer) { return layerPrefix(layer) + "self_attn.qkv_proj.weight"; }
    public static String oProj(int layer) { return layerPrefix(layer) + "self_attn.o_proj.weight"; }
    public static String mlpTGateUp(int layer) { return layerPrefix(layer) + "mlp_t.gate_up_proj.weight"; }
    public static String mlpTDown(int layer) { return layerPrefix(layer) + "mlp_t.down_proj.weight"; }
    public static String mlpGateUp(int layer) { return layerPrefix(layer) + "mlp.gate_up_proj.weight"; }
    public static String mlpDown(int layer) { return layerPrefix(layer) + "mlp.down_proj.weight"; }

    private final TrmConfig config;
    private final List<TensorSpec> tensors;
    private final Map<String, TensorSpec> byName;

    private ParameterSpec(TrmConfig config, List<TensorSpec> tensors) {
        this.config = config;
        this.tensors = Collections.unmodifiableList(tensors);
        Map<String, TensorSpec> m = new LinkedHashMap<>();
        for (TensorSpec t : tensors) if (m.put(t.name(), t) != null) throw new IllegalStateException("duplicate tensor " + t.name());
        this.byName = Collections.unmodifiableMap(m);
    }

    /** The tensors of {@code c}, in state-dict order. */
    public static ParameterSpec of(TrmConfig c) {
        int d = c.hiddenSize(), l = c.totalLen(), v = c.vocabSize();
        List<TensorSpec> t = new ArrayList<>();
        // A torch state dict lists a module's own parameters, then its own persistent buffers, then its children in
        // registration order. The inner model's own tensors are the buffers H_init and L_init, so they come first.
        t.add(new TensorSpec(H_INIT, new int[] {d}, Role.BUFFER, new Init.TruncNormal(1.0)));
        t.add(new TensorSpec(L_INIT, new int[] {d}, Role.BUFFER, new Init.TruncNormal(1.0)));
        t.add(new TensorSpec(EMBED_TOKENS, new int[] {v, d}, Role.ADAM, new Init.TruncNormal(1.0 / Math.sqrt(d))));
        t.add(linear(LM_HEAD, v, d));
        t.add(new TensorSpec(Q_HEAD_WEIGHT, new int[] {2, d}, Role.ADAM, new Init.Constant(0f)));
        t.add(new TensorSpec(Q_HEAD_BIAS, new int[] {2}, Role.ADAM, new Init.Constant(-5f)));
        if (c.hasPuzzleEmb())
            t.add(new TensorSpec(PUZZLE_EMB, new int[] {c.numPuzzleIdentifiers(), c.puzzleEmbNdim()}, Role.SIGN_SGD, new Init.Constant(0f)));
        if (c.usesLearnedPos())
            t.add(new TensorSpec(EMBED_POS, new int[] {l, d}, Role.ADAM, new Init.TruncNormal(1.0 / Math.sqrt(d))));
        for (int i = 0; i < c.lLayers(); i++) {
            if (c.mlpT()) {
                int it = c.interSize(l);
                t.add(linear(mlpTGateUp(i), 2 * it, l));
                t.add(linear(mlpTDown(i), l, it));
            } else {
                int qkvOut = (c.numHeads() + 2 * c.numHeads()) * c.headDim();   // heads + 2 x kv heads (kv heads = heads)
                t.add(linear(qkvProj(i), qkvOut, d));
                t.add(linear(oProj(i), d, c.headDim() * c.numHeads()));
            }
            int id = c.interSize(d);
            t.add(linear(mlpGateUp(i), 2 * id, d));
            t.add(linear(mlpDown(i), d, id));
        }
        return new ParameterSpec(c, t);
    }

    /** A CastedLinear weight [out, in]: truncated LeCun normal, std 1/sqrt(in). */
    private static TensorSpec linear(String name, int out, int in) {
        return new TensorSpec(name, new int[] {out, in}, Role.ADAM, new Init.TruncNormal(1.0 / Math.sqrt(in)));
    }

    public TrmConfig config() { return config; }

    /** Every tensor, in state-dict order. */
    public List<TensorSpec> tensors() { return tensors; }

    /** Tensor names, in order. */
    public List<String> names() { return tensors.stream().map(TensorSpec::name).toList(); }

    public boolean contains(String name) { return byName.containsKey(name); }

    /** The tensor called {@code name}; an unknown name is an error. */
    public TensorSpec get(String name) {
        TensorSpec t = byName.get(name);
        if (t == null) throw new IllegalArgumentException("config '" + config.name() + "' has no tensor " + name);
        return t;
    }

    /** The tensors with the given role. */
    public List<TensorSpec> withRole(Role role) { return tensors.stream().filter(t -> t.role() == role).toList(); }

    /** Elements of the tensors with the given role. */
    public long count(Role role) { return tensors.stream().filter(t -> t.role() == role).mapToLong(TensorSpec::numel).sum(); }

    /**
     * Elements trained by AdamATan2: the reference's {@code sum(p.numel() for p in model.parameters())} (its logged
     * num_params, the paper's "5M"/"7M"): excludes the puzzle embedding (a buffer there) and H_init/L_init.
     */
    public long adamCount() { return count(Role.ADAM); }

    /** Elements trained at all: AdamATan2 weights + the puzzle embedding. */
    public long trainableCount() { return count(Role.ADAM) + count(Role.SIGN_SGD); }

    /** Every element saved in a checkpoint of the model (weights, puzzle embedding, H_init, L_init). */
    public long totalCount() { return tensors.stream().mapToLong(TensorSpec::numel).sum(); }
}
