package org.trm4j.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The reference's model config (TinyRecursiveReasoningModel_ACTV1Config in models/recursive_reasoning/trm.py,
 * config/arch/trm.yaml, the {@code arch:} section of a run's all_config.yaml, the oracle's {@code trm_config}
 * metadata) to and from a {@link TrmConfig}.
 *
 * <p>Reading: a JSON or YAML object with the reference's field names; a whole all_config.yaml is accepted (its
 * {@code arch:} section is used). Hydra's {@code ${.field}} references are resolved. A field the object lacks is
 * taken from the checkpoint's tensor shapes where they fix it (vocab_size and hidden_size from embed_tokens,
 * puzzle_emb_ndim and num_puzzle_identifiers from puzzle_emb.weights, L_layers and mlp_t from the layer names,
 * seq_len + puzzle_emb_len from mlp_t.down_proj or embed_pos, pos_encodings "learned" from embed_pos), else from the
 * reference's defaults (rms_norm_eps 1e-5, rope_theta 1e4, puzzle_emb_len 16, mlp_t false, puzzle_emb_ndim 0); a
 * field that is still missing, a value of the wrong type and an unknown field are listed in one
 * {@link IllegalArgumentException}. num_puzzle_identifiers always follows the checkpoint's puzzle_emb.weights (as
 * the oracle does). forward_dtype is accepted and ignored (trm4j computes in float32).
 */
public final class ReferenceConfig {
    private ReferenceConfig() {}

    /** The metadata key under which checkpoints carry the reference-named config (as the oracle writes it). */
    public static final String META_KEY = "trm_config";

    /** A parsed reference config: the architecture and the loss (stablemax or softmax cross-entropy). */
    public record Parsed(TrmConfig config, boolean stablemax) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern REF = Pattern.compile("\\$\\{\\.?([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Set<String> KNOWN = Set.of("name", "loss", "batch_size", "seq_len", "puzzle_emb_ndim",
            "num_puzzle_identifiers", "vocab_size", "H_cycles", "L_cycles", "H_layers", "L_layers", "hidden_size",
            "expansion", "num_heads", "pos_encodings", "rms_norm_eps", "rope_theta", "halt_max_steps",
            "halt_exploration_prob", "forward_dtype", "mlp_t", "puzzle_emb_len", "no_ACT_continue");

    /** Reads {@code file} (JSON or YAML); {@code shapes}: the checkpoint's tensor shapes by name (may be empty). */
    public static Parsed read(Path file, Map<String, long[]> shapes, Map<String, Object> overrides) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IOException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        Object root;
        try {
            root = YAML.readValue(text, Object.class);   // YAML reads JSON too
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a JSON or YAML object: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof Map<?, ?> m)) throw new IOException(file + ": the config must be a JSON or YAML object");
        Object arch = m.get("arch");
        Map<?, ?> fields = arch instanceof Map<?, ?> a ? a : m;
        try {
            return fromFields(stringKeys(fields), shapes, overrides, stem(file));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object (e.g. a checkpoint's {@value #META_KEY} metadata). */
    public static Parsed fromJson(String json, Map<String, long[]> shapes, String name) {
        Object root;
        try {
            root = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("reference config is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(root instanceof Map<?, ?> m)) throw new IllegalArgumentException("reference config must be a JSON object");
        return fromFields(stringKeys(m), shapes, Map.of(), name);
    }

    /**
     * The config from reference-named {@code fields}, completed from {@code shapes} (tensor name -> shape, names with
     * or without {@code _orig_mod.}); {@code overrides} win over the fields (e.g. halt_exploration_prob from a flag).
     */
    public static Parsed fromFields(Map<String, Object> fields, Map<String, long[]> shapes, Map<String, Object> overrides, String name) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.putAll(overrides);
        resolveReferences(f);
        Map<String, long[]> s = new LinkedHashMap<>();
        shapes.forEach((k, v) -> s.put(k.startsWith(Checkpoint.ORIG_MOD) ? k.substring(Checkpoint.ORIG_MOD.length()) : k, v));
        List<String> errors = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(f.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) errors.add("unknown fields " + String.join(", ", unknown));
        Fields r = new Fields(f, errors);

        long[] tok = s.get(ParameterSpec.EMBED_TOKENS), puz = s.get(ParameterSpec.PUZZLE_EMB), pos = s.get(ParameterSpec.EMBED_POS);
        boolean haveShapes = !s.isEmpty();
        int layers = 0;
        boolean mlpTFromShapes = false;
        long[] tokenDown = null;
        for (Map.Entry<String, long[]> e : s.entrySet()) {
            Matcher lm = Pattern.compile(Pattern.quote(ParameterSpec.PREFIX + "L_level.layers.") + "(\\d+)\\..*").matcher(e.getKey());
            if (lm.matches()) layers = Math.max(layers, Integer.parseInt(lm.group(1)) + 1);
            if (e.getKey().equals(ParameterSpec.mlpTDown(0))) { mlpTFromShapes = true; tokenDown = e.getValue(); }
        }
        Integer totalLen = tokenDown != null && tokenDown.length == 2 ? (Integer) (int) tokenDown[0]
                : pos != null && pos.length == 2 ? (Integer) (int) pos[0] : null;

        int vocab = r.integer("vocab_size", tok != null && tok.length == 2 ? (int) tok[0] : null);
        int hidden = r.integer("hidden_size", tok != null && tok.length == 2 ? (int) tok[1] : null);
        int ndim = r.integer("puzzle_emb_ndim", haveShapes ? (puz != null && puz.length == 2 ? (int) puz[1] : 0) : 0);
        Integer idsFromShape = puz != null && puz.length == 2 ? (int) puz[0] : null;
        int ids = idsFromShape != null ? idsFromShape : r.integer("num_puzzle_identifiers", ndim == 0 ? 1 : null);
        boolean mlpT = r.bool("mlp_t", haveShapes ? mlpTFromShapes : false);
        int lLayers = r.integer("L_layers", layers > 0 ? layers : null);
        // puzzle_emb_len: 0 means ceil(ndim / hidden) in the reference; with no puzzle embedding there is no prefix
        Integer seqGiven = r.optionalInteger("seq_len");
        Integer lenGiven = r.optionalInteger("puzzle_emb_len");
        int embLen;
        if (lenGiven != null) embLen = lenGiven;
        else if (seqGiven != null && totalLen != null) embLen = totalLen - seqGiven;
        else embLen = 16;
        if (embLen == 0 && hidden > 0) embLen = (ndim + hidden - 1) / hidden;
        if (ndim == 0) embLen = 0;
        int seqLen = seqGiven != null ? seqGiven : r.integer("seq_len", totalLen != null ? totalLen - embLen : null);
        String posEnc = r.string("pos_encodings", pos != null ? TrmConfig.POS_LEARNED : mlpT ? TrmConfig.POS_NONE : null);
        int heads = r.integer("num_heads", mlpT ? 1 : null);
        double expansion = r.number("expansion", null);
        int hCycles = r.integer("H_cycles", null), lCycles = r.integer("L_cycles", null);
        int haltMax = r.integer("halt_max_steps", null);
        double explore = r.number("halt_exploration_prob", null);
        double eps = r.number("rms_norm_eps", 1e-5), theta = r.number("rope_theta", 10000.0);
        if (!r.bool("no_ACT_continue", true)) errors.add("no_ACT_continue false (the Q-continue loss) is not supported");
        r.string("forward_dtype", "bfloat16");
        r.optionalInteger("H_layers");
        r.optionalInteger("batch_size");
        if (f.containsKey("name") && !(f.get("name") instanceof String)) errors.add("name must be a string");
        boolean stablemax = true;
        if (f.get("loss") instanceof Map<?, ?> loss) {
            Object t = loss.get("loss_type");
            if (t != null && !"stablemax_cross_entropy".equals(t) && !"softmax_cross_entropy".equals(t))
                errors.add("loss.loss_type must be stablemax_cross_entropy or softmax_cross_entropy, got " + t);
            stablemax = !"softmax_cross_entropy".equals(t);
        } else if (f.containsKey("loss")) errors.add("loss must be an object with loss_type");
        if (!errors.isEmpty()) throw new IllegalArgumentException("reference config: " + String.join("; ", errors));
        TrmConfig c = new TrmConfig(name, vocab, seqLen, embLen, ndim, ids, hidden, heads, expansion, hCycles, lCycles, lLayers,
                mlpT, posEnc, eps, theta, haltMax, explore);
        return new Parsed(c, stablemax);
    }

    /** {@code c} with the reference's field names, in the pydantic model's order, for the oracle and the reference. */
    public static Map<String, Object> toFields(TrmConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq_len", c.seqLen());
        m.put("puzzle_emb_ndim", c.puzzleEmbNdim());
        m.put("num_puzzle_identifiers", c.numPuzzleIdentifiers());
        m.put("vocab_size", c.vocabSize());
        m.put("H_cycles", c.hCycles());
        m.put("L_cycles", c.lCycles());
        m.put("H_layers", 0);
        m.put("L_layers", c.lLayers());
        m.put("hidden_size", c.hiddenSize());
        m.put("expansion", c.expansion());
        m.put("num_heads", c.numHeads());
        m.put("pos_encodings", c.posEncodings());
        m.put("rms_norm_eps", c.rmsNormEps());
        m.put("rope_theta", c.ropeTheta());
        m.put("halt_max_steps", c.haltMaxSteps());
        m.put("halt_exploration_prob", c.haltExplorationProb());
        m.put("forward_dtype", "float32");
        m.put("mlp_t", c.mlpT());
        m.put("puzzle_emb_len", c.puzzleEmbLen());
        m.put("no_ACT_continue", true);
        return m;
    }

    /** {@link #toFields} as JSON. */
    public static String toJson(TrmConfig c) {
        try {
            return JSON.writeValueAsString(toFields(c));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tensor shapes of a safetensors file, by name as stored. */
    public static Map<String, long[]> shapesOf(Path checkpoint) throws IOException {
        try (Safetensors.Reader r = Safetensors.open(checkpoint)) {
            Map<String, long[]> m = new LinkedHashMap<>();
            r.entries().forEach((k, e) -> m.put(k, e.shape()));
            return m;
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Hydra's {@code ${.hidden_size}}: a whole-value reference to a sibling field. */
    private static void resolveReferences(Map<String, Object> f) {
        for (int round = 0; round < 4; round++)
            for (Map.Entry<String, Object> e : f.entrySet())
                if (e.getValue() instanceof String str) {
                    Matcher m = REF.matcher(str.trim());
                    if (m.matches() && f.containsKey(m.group(1))) e.setValue(f.get(m.group(1)));
                }
    }

    /** Typed access to the fields, collecting every problem. */
    private record Fields(Map<String, Object> f, List<String> errors) {
        int integer(String key, Integer fallback) {
            Integer v = optionalInteger(key);
            if (v != null) return v;
            if (fallback != null) return fallback;
            if (!f.containsKey(key)) errors.add("missing field " + key + " (not in the config, not fixed by the checkpoint's shapes)");
            return 1;
        }

        Integer optionalInteger(String key) {
            Object v = f.get(key);
            if (v == null) return null;
            Double d = toDouble(v);
            if (d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                errors.add(key + " must be an integer, got " + v);
                return null;
            }
            return d.intValue();
        }

        double number(String key, Double fallback) {
            Object v = f.get(key);
            if (v == null) {
                if (fallback != null) return fallback;
                errors.add("missing field " + key + " (not in the config, not fixed by the checkpoint's shapes)");
                return 1;
            }
            Double d = toDouble(v);
            if (d == null) { errors.add(key + " must be a number, got " + v); return 1; }
            return d;
        }

        boolean bool(String key, boolean fallback) {
            Object v = f.get(key);
            if (v == null) return fallback;
            if (v instanceof Boolean b) return b;
            String s = String.valueOf(v).toLowerCase(Locale.ROOT);
            if (s.equals("true")) return true;
            if (s.equals("false")) return false;
            errors.add(key + " must be true or false, got " + v);
            return fallback;
        }

        String string(String key, String fallback) {
            Object v = f.get(key);
            if (v == null) {
                if (fallback == null) errors.add("missing field " + key + " (not in the config, not fixed by the checkpoint's shapes)");
                return fallback == null ? TrmConfig.POS_NONE : fallback;
            }
            return String.valueOf(v);
        }

        private static Double toDouble(Object v) {
            if (v instanceof Number n) return n.doubleValue();
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());   // YAML 1.1 reads 1e-5 as a string
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    }
}
