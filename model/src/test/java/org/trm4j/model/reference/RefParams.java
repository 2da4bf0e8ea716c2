package org.trm4j.model.reference;

import org.trm4j.api.FloatArray;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Parameter names (the reference's state-dict names), shapes, a random fixture and conversions.
 *
 * <p>Every tensor is a flat row-major {@code double[]}; linear weights are {@code [out, in]}.
 */
public final class RefParams {
    private RefParams() {}

    public static final String PREFIX = "model.inner.";
    public static final String EMBED_TOKENS = PREFIX + "embed_tokens.embedding_weight"; // [V, D]
    public static final String EMBED_POS = PREFIX + "embed_pos.embedding_weight";       // [L, D], "learned" only
    public static final String PUZZLE_EMB = PREFIX + "puzzle_emb.weights";              // [numIds, ndim], sign-SGD
    public static final String LM_HEAD = PREFIX + "lm_head.weight";                     // [V, D]
    public static final String Q_HEAD_W = PREFIX + "q_head.weight";                     // [2, D]
    public static final String Q_HEAD_B = PREFIX + "q_head.bias";                       // [2]
    public static final String H_INIT = PREFIX + "H_init";                              // [D], constant
    public static final String L_INIT = PREFIX + "L_init";                              // [D], constant

    // per block, after "model.inner.L_level.layers.<i>."
    public static final String QKV = "self_attn.qkv_proj.weight";     // [3D, D]  rows: q heads | k heads | v heads
    public static final String O_PROJ = "self_attn.o_proj.weight";    // [D, D]
    public static final String MLP_T_GATE_UP = "mlp_t.gate_up_proj.weight"; // [2*interL, L]
    public static final String MLP_T_DOWN = "mlp_t.down_proj.weight";       // [L, interL]
    public static final String MLP_GATE_UP = "mlp.gate_up_proj.weight";     // [2*interD, D]
    public static final String MLP_DOWN = "mlp.down_proj.weight";           // [D, interD]

    public static String layer(int i, String rest) { return PREFIX + "L_level.layers." + i + "." + rest; }

    /** Every tensor of the state dict (H_init/L_init and puzzle_emb included), in a stable order. */
    public static LinkedHashMap<String, int[]> shapes(RefConfig c) {
        int d = c.hiddenSize(), v = c.vocabSize(), len = c.totalLen();
        LinkedHashMap<String, int[]> s = new LinkedHashMap<>();
        s.put(EMBED_TOKENS, new int[]{v, d});
        if (c.learnedPos()) s.put(EMBED_POS, new int[]{len, d});
        if (c.puzzleEmbNdim() > 0) s.put(PUZZLE_EMB, new int[]{c.numPuzzleIdentifiers(), c.puzzleEmbNdim()});
        for (int i = 0; i < c.lLayers(); i++) {
            if (c.mlpT()) {
                s.put(layer(i, MLP_T_GATE_UP), new int[]{2 * c.interL(), len});
                s.put(layer(i, MLP_T_DOWN), new int[]{len, c.interL()});
            } else {
                s.put(layer(i, QKV), new int[]{3 * d, d});
                s.put(layer(i, O_PROJ), new int[]{d, d});
            }
            s.put(layer(i, MLP_GATE_UP), new int[]{2 * c.interD(), d});
            s.put(layer(i, MLP_DOWN), new int[]{d, c.interD()});
        }
        s.put(LM_HEAD, new int[]{v, d});
        s.put(Q_HEAD_W, new int[]{2, d});
        s.put(Q_HEAD_B, new int[]{2});
        s.put(H_INIT, new int[]{d});
        s.put(L_INIT, new int[]{d});
        return s;
    }

    /** Tensors trained by AdamATan2 (and followed by the EMA): all but puzzle_emb, H_init, L_init. */
    public static List<String> adamNames(RefConfig c) {
        List<String> names = new ArrayList<>();
        for (String n : shapes(c).keySet())
            if (!n.equals(PUZZLE_EMB) && !n.equals(H_INIT) && !n.equals(L_INIT)) names.add(n);
        return names;
    }

    /** Tensors that get a gradient: the AdamATan2 ones plus puzzle_emb (when present). */
    public static List<String> gradientNames(RefConfig c) {
        List<String> names = adamNames(c);
        if (c.puzzleEmbNdim() > 0) names.add(PUZZLE_EMB);
        return names;
    }

    public static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) n *= s;
        return n;
    }

    /** Zero tensors for every gradient name. */
    public static Map<String, double[]> zeroGradients(RefConfig c) {
        Map<String, double[]> g = new LinkedHashMap<>();
        LinkedHashMap<String, int[]> shapes = shapes(c);
        for (String n : gradientNames(c)) g.put(n, new double[numel(shapes.get(n))]);
        return g;
    }

    /** Checks that every tensor is present with the right size. */
    public static void check(RefConfig c, Map<String, double[]> params) {
        for (var e : shapes(c).entrySet()) {
            double[] t = params.get(e.getKey());
            if (t == null) throw new IllegalArgumentException("missing parameter " + e.getKey());
            if (t.length != numel(e.getValue()))
                throw new IllegalArgumentException(e.getKey() + ": " + t.length + " values, want " + numel(e.getValue()));
        }
    }

    /**
     * A random parameter set for tests (NOT the reference initialisation): normal values with std
     * 1/sqrt(fan_in) for linears, 1/sqrt(D) for embeddings, 1 for H_init/L_init, and — unlike the
     * reference, which starts them at 0 / bias -5 — non-zero puzzle embeddings (std 1) and a random
     * q_head, so that every path carries gradient.
     */
    public static Map<String, double[]> random(RefConfig c, long seed) {
        Random rnd = new Random(seed);
        Map<String, double[]> p = new LinkedHashMap<>();
        for (var e : shapes(c).entrySet()) {
            String n = e.getKey();
            int[] s = e.getValue();
            double std;
            if (n.equals(H_INIT) || n.equals(L_INIT) || n.equals(PUZZLE_EMB)) std = 1;
            else if (n.equals(EMBED_TOKENS) || n.equals(EMBED_POS)) std = 1 / Math.sqrt(c.hiddenSize());
            else if (n.equals(Q_HEAD_B)) std = 0.5;
            else std = 1 / Math.sqrt(s[s.length - 1]);
            double[] t = new double[numel(s)];
            for (int i = 0; i < t.length; i++) t[i] = std * truncatedGaussian(rnd);
            p.put(n, t);
        }
        return p;
    }

    /** Standard normal cut at +-2 (by redrawing). */
    static double truncatedGaussian(Random rnd) {
        while (true) {
            double g = rnd.nextGaussian();
            if (Math.abs(g) <= 2) return g;
        }
    }

    // ------------------------------------------------------------------ copies and conversions

    public static Map<String, double[]> copy(Map<String, double[]> m) {
        Map<String, double[]> c = new LinkedHashMap<>();
        for (var e : m.entrySet()) c.put(e.getKey(), e.getValue().clone());
        return c;
    }

    public static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    public static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    public static Map<String, double[]> fromFloat(Map<String, float[]> m) {
        Map<String, double[]> d = new LinkedHashMap<>();
        for (var e : m.entrySet()) d.put(e.getKey(), toDouble(e.getValue()));
        return d;
    }

    public static Map<String, double[]> fromFloatArrays(Map<String, FloatArray> m) {
        Map<String, double[]> d = new LinkedHashMap<>();
        for (var e : m.entrySet()) d.put(e.getKey(), toDouble(e.getValue().toHeapArray()));
        return d;
    }

    /** The model module's parameters (float32, FloatArray per reference name) as a float64 map. */
    public static Map<String, double[]> fromParameters(org.trm4j.model.Parameters p) {
        return fromFloatArrays(p.tensors());
    }

    public static Map<String, float[]> toFloat(Map<String, double[]> m) {
        Map<String, float[]> f = new LinkedHashMap<>();
        for (var e : m.entrySet()) f.put(e.getKey(), toFloat(e.getValue()));
        return f;
    }

    public static Map<String, FloatArray> toFloatArrays(Map<String, double[]> m) {
        Map<String, FloatArray> f = new LinkedHashMap<>();
        for (var e : m.entrySet()) f.put(e.getKey(), FloatArray.fromArray(toFloat(e.getValue())));
        return f;
    }

    /** max |a - b| / max(|b|, floor) over all elements (for comparing a float32 result against the reference). */
    public static double maxRelativeError(double[] a, double[] b, double floor) {
        if (a.length != b.length) throw new IllegalArgumentException(a.length + " != " + b.length);
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor));
        return worst;
    }
}
