package org.trm4j.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.trm4j.api.FloatArray;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Model checkpoints as safetensors files with the reference's state-dict names ({@link ParameterSpec}), so weights
 * can be exchanged with the PyTorch code (convert its {@code torch.save} state dict with
 * {@code safetensors.torch.save_file}); the reference's bf16 H_init/L_init are read as float.
 *
 * <p>Layout: every model tensor under its reference name; with optimizer state also
 * {@code optimizer.exp_avg.<name>} and {@code optimizer.exp_avg_sq.<name>} for every AdamATan2 tensor; with EMA
 * also {@code ema.<name>}. Metadata (all strings): {@code format} = {@value #FORMAT}, {@code format_version},
 * {@code config} (the {@link TrmConfig} as JSON), {@code optimizer.step} when optimizer state is saved.
 *
 * <p>Loading accepts names with a leading {@code _orig_mod.} (torch.compile). A missing model tensor, a wrong shape,
 * an unreadable dtype or a damaged file is an {@link IOException} naming the tensor and what was expected and found.
 * Tensors of the file that the model does not have are an error too, unless {@code lenient}; they are listed in the
 * {@link LoadResult} either way.
 */
public final class Checkpoint {
    private Checkpoint() {}

    public static final String FORMAT = "trm4j-checkpoint";
    public static final String FORMAT_VERSION = "1";
    public static final String META_FORMAT = "format", META_FORMAT_VERSION = "format_version", META_CONFIG = "config",
            META_STEP = "optimizer.step";
    public static final String OPT_EXP_AVG = "optimizer.exp_avg.", OPT_EXP_AVG_SQ = "optimizer.exp_avg_sq.", EMA = "ema.";
    /** What torch.compile puts in front of every state-dict name. */
    public static final String ORIG_MOD = "_orig_mod.";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a load found. */
    public record LoadResult(boolean optimizerStateLoaded, boolean emaLoaded, long step, List<String> unknownTensors,
                             Map<String, String> metadata) {}

    /**
     * Writes {@code p} to {@code path} (atomically: temp file + move). {@code includeOptimizerState} /
     * {@code includeEma} need {@link Parameters#hasOptimizerState()} / {@link Parameters#hasEma()}.
     */
    public static void save(Parameters p, Path path, boolean includeOptimizerState, boolean includeEma) throws IOException {
        save(p, path, includeOptimizerState, includeEma, Map.of(), Map.of());
    }

    /**
     * {@link #save(Parameters, Path, boolean, boolean)} plus {@code extraTensors} (after the model's) and
     * {@code extraMetadata} (e.g. a trainer's carry, data position and RNG state). Extra tensors are unknown to a
     * strict {@link #load}: read such files with {@code lenient}.
     */
    public static void save(Parameters p, Path path, boolean includeOptimizerState, boolean includeEma,
                            Map<String, Safetensors.Tensor> extraTensors, Map<String, String> extraMetadata) throws IOException {
        Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
        for (TensorSpec t : p.spec().tensors()) out.put(t.name(), new Safetensors.Tensor(t.shape(), p.get(t.name())));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(META_FORMAT, FORMAT);
        meta.put(META_FORMAT_VERSION, FORMAT_VERSION);
        meta.put(META_CONFIG, JSON.writeValueAsString(p.config()));
        meta.put(ReferenceConfig.META_KEY, ReferenceConfig.toJson(p.config()));
        if (includeOptimizerState) {
            Parameters.OptimizerState o = p.optimizerState();
            for (String n : o.names()) out.put(OPT_EXP_AVG + n, new Safetensors.Tensor(p.specOf(n).shape(), o.expAvg(n)));
            for (String n : o.names()) out.put(OPT_EXP_AVG_SQ + n, new Safetensors.Tensor(p.specOf(n).shape(), o.expAvgSq(n)));
            meta.put(META_STEP, Long.toString(o.step()));
        }
        if (includeEma)
            for (Map.Entry<String, FloatArray> e : p.ema().entrySet())
                out.put(EMA + e.getKey(), new Safetensors.Tensor(p.specOf(e.getKey()).shape(), e.getValue()));
        for (Map.Entry<String, Safetensors.Tensor> e : extraTensors.entrySet())
            if (out.putIfAbsent(e.getKey(), e.getValue()) != null) throw new IllegalArgumentException("extra tensor " + e.getKey() + " clashes with a model tensor");
        for (Map.Entry<String, String> e : extraMetadata.entrySet())
            if (meta.putIfAbsent(e.getKey(), e.getValue()) != null) throw new IllegalArgumentException("extra metadata " + e.getKey() + " clashes with the checkpoint's own");
        Safetensors.write(path, out, meta);
    }

    /** {@link #load(Path, Parameters, boolean)}, strict: unknown tensors are an error. */
    public static LoadResult load(Path path, Parameters p) throws IOException { return load(path, p, false); }

    /**
     * Reads {@code path} into {@code p}. Every model tensor must be present with its exact shape. Optimizer state
     * (all of it, or none) and EMA (all of it, or none) are loaded when present, allocating them in {@code p};
     * when absent, {@code p}'s own optimizer state / EMA are dropped (they would not match the loaded weights):
     * call {@link Parameters#allocateOptimizerState()} / {@link Parameters#allocateEma()} afterwards to start
     * fresh ones. Nothing in {@code p} changes when the file is found wrong before any value is read (all
     * names, dtypes and shapes are checked first).
     */
    public static LoadResult load(Path path, Parameters p, boolean lenient) throws IOException {
        try (Safetensors.Reader r = Safetensors.open(path)) {
            Contents found = check(path, r, p.spec(), lenient);
            Map<String, String> byName = found.byName();
            List<String> adam = found.adam();
            boolean hasOpt = found.hasOpt(), hasEma = found.hasEma();
            long step = found.step();
            List<String> unknown = found.unknown();
            for (TensorSpec t : p.spec().tensors()) r.readFloatInto(byName.get(t.name()), p.get(t.name()));
            p.resetOptimizerAndEma();
            if (hasOpt) {
                Parameters.OptimizerState o = p.allocateOptimizerState();
                for (String n : adam) {
                    r.readFloatInto(byName.get(OPT_EXP_AVG + n), o.expAvg(n));
                    r.readFloatInto(byName.get(OPT_EXP_AVG_SQ + n), o.expAvgSq(n));
                }
                o.setStep(step);
            }
            if (hasEma) {
                Map<String, FloatArray> ema = p.allocateEma();
                for (String n : adam) r.readFloatInto(byName.get(EMA + n), ema.get(n));
            }
            return new LoadResult(hasOpt, hasEma, step, List.copyOf(unknown), r.metadata());
        }
    }

    /**
     * Checks, without reading any value, that {@code path} holds every tensor of {@code spec} with its dtype and
     * shape (and whole optimizer state / EMA if any): the IOException lists every mismatch.
     */
    public static void verify(Path path, ParameterSpec spec) throws IOException {
        try (Safetensors.Reader r = Safetensors.open(path)) {
            check(path, r, spec, false);
        }
    }

    /** What a checkpoint file holds, by our names. */
    private record Contents(Map<String, String> byName, List<String> adam, boolean hasOpt, boolean hasEma, long step, List<String> unknown) {}

    private static Contents check(Path path, Safetensors.Reader r, ParameterSpec spec, boolean lenient) throws IOException {
        String model = spec.config().name();
        // Strip torch.compile's prefix.
        Map<String, String> byName = new LinkedHashMap<>();   // our name -> name in the file
        for (String fileName : r.entries().keySet()) {
            String n = fileName.startsWith(ORIG_MOD) ? fileName.substring(ORIG_MOD.length()) : fileName;
            String prev = byName.put(n, fileName);
            if (prev != null) throw new IOException(path + ": tensor " + n + " appears twice (as " + prev + " and " + fileName + ")");
        }
        List<String> errors = new ArrayList<>();
        // Model tensors: all required.
        for (TensorSpec t : spec.tensors()) check(r, byName, t.name(), t, true, errors);
        List<String> adam = spec.withRole(TensorSpec.Role.ADAM).stream().map(TensorSpec::name).toList();
        boolean hasOpt = adam.stream().anyMatch(n -> byName.containsKey(OPT_EXP_AVG + n) || byName.containsKey(OPT_EXP_AVG_SQ + n));
        boolean hasEma = adam.stream().anyMatch(n -> byName.containsKey(EMA + n));
        if (hasOpt) for (String n : adam) {
            check(r, byName, OPT_EXP_AVG + n, spec.get(n), true, errors);
            check(r, byName, OPT_EXP_AVG_SQ + n, spec.get(n), true, errors);
        }
        if (hasEma) for (String n : adam) check(r, byName, EMA + n, spec.get(n), true, errors);
        long step = 0;
        if (hasOpt) {
            String s = r.metadata().get(META_STEP);
            if (s == null) errors.add("optimizer state without \"" + META_STEP + "\" in the metadata");
            else try {
                step = Long.parseLong(s);
                if (step < 0) errors.add("metadata " + META_STEP + " is negative: " + s);
            } catch (NumberFormatException e) {
                errors.add("metadata " + META_STEP + " is not an integer: " + s);
            }
        }
        // Unknown tensors.
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : byName.entrySet()) {
            String n = e.getKey();
            boolean known = spec.contains(n)
                    || (hasOpt && (n.startsWith(OPT_EXP_AVG) && adam.contains(n.substring(OPT_EXP_AVG.length()))
                                || n.startsWith(OPT_EXP_AVG_SQ) && adam.contains(n.substring(OPT_EXP_AVG_SQ.length()))))
                    || (hasEma && n.startsWith(EMA) && adam.contains(n.substring(EMA.length())));
            if (!known) unknown.add(e.getValue());
        }
        if (!unknown.isEmpty() && !lenient)
            errors.add("tensors the model '" + model + "' does not have: " + String.join(", ", unknown)
                    + " (load leniently to ignore them)");
        if (!errors.isEmpty())
            throw new IOException(path + ": checkpoint does not fit model '" + model + "': " + String.join("; ", errors));
        return new Contents(byName, adam, hasOpt, hasEma, step, List.copyOf(unknown));
    }

    private static void check(Safetensors.Reader r, Map<String, String> byName, String name, TensorSpec t, boolean required,
                              List<String> errors) {
        String fileName = byName.get(name);
        if (fileName == null) {
            if (required) errors.add("missing tensor " + name + " (expected F32 " + t.shapeString() + ")");
            return;
        }
        Safetensors.Entry e = r.entries().get(fileName);
        long[] expected = Arrays.stream(t.shape()).asLongStream().toArray();
        if (!e.dtype().readableAsFloat())
            errors.add("tensor " + fileName + ": dtype " + e.dtype() + " found, F32 expected (BF16, F16, F64 are converted)");
        if (!Arrays.equals(e.shape(), expected))
            errors.add("tensor " + fileName + ": shape " + e.shapeString() + " found, " + t.shapeString() + " expected");
    }

    /**
     * The config saved in a checkpoint's metadata, if any: trm4j's {@code config}, else the reference-named
     * {@value ReferenceConfig#META_KEY} that the oracle writes (completed from the file's tensor shapes).
     */
    public static Optional<TrmConfig> readConfig(Path path) throws IOException {
        try (Safetensors.Reader r = Safetensors.open(path)) {
            String c = r.metadata().get(META_CONFIG);
            String ref = r.metadata().get(ReferenceConfig.META_KEY);
            if (c == null && ref != null) {
                Map<String, long[]> shapes = new LinkedHashMap<>();
                r.entries().forEach((k, e) -> shapes.put(k, e.shape()));
                String stem = path.getFileName().toString().replaceFirst("\\.safetensors$", "");
                try {
                    return Optional.of(ReferenceConfig.fromJson(ref, shapes, stem).config());
                } catch (IllegalArgumentException e) {
                    throw new IOException(path + ": metadata \"" + ReferenceConfig.META_KEY + "\": " + e.getMessage(), e);
                }
            }
            if (c == null) return Optional.empty();
            try {
                return Optional.of(JSON.readValue(c, TrmConfig.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                throw new IOException(path + ": metadata \"config\" is not a valid TRM config: " + why, e);
            }
        }
    }

    /** Allocates a model from the config in {@code path}'s metadata and loads it (strict). */
    public static Parameters open(Path path) throws IOException {
        TrmConfig c = readConfig(path).orElseThrow(() -> new IOException(path + ": no \"config\" in the metadata; use load(path, Parameters) with a config"));
        Parameters p = Parameters.allocate(c);
        load(path, p);
        return p;
    }
}
