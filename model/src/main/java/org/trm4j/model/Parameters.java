package org.trm4j.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import org.trm4j.api.FloatArray;
import org.trm4j.model.TensorSpec.Init;
import org.trm4j.model.TensorSpec.Role;

/**
 * The tensors of one model: one off-heap {@link FloatArray} per {@link TensorSpec}, row-major in the spec's
 * shape, by reference state-dict name. Optionally the AdamATan2 state ({@link OptimizerState}: exp_avg and
 * exp_avg_sq for every {@link Role#ADAM} tensor, and the step counter) and an EMA copy of the ADAM tensors,
 * both allocated on request.
 *
 * <p>The EMA covers the ADAM tensors only, as the reference's EMAHelper (it walks {@code named_parameters()}; the
 * puzzle embedding is a buffer there and H_init/L_init never change), so {@link #emaCopy()} takes the puzzle
 * embedding and buffers from the live model, as the reference's {@code ema_copy} does.
 *
 * <p>Not thread-safe; the arrays are freed when this object becomes unreachable.
 */
public final class Parameters {
    private final ParameterSpec spec;
    private final Map<String, FloatArray> tensors;
    private OptimizerState optimizer;
    private Map<String, FloatArray> ema;

    /** Allocates zero-filled tensors for {@code spec}. */
    public Parameters(ParameterSpec spec) {
        this.spec = spec;
        Map<String, FloatArray> m = new LinkedHashMap<>();
        for (TensorSpec t : spec.tensors()) m.put(t.name(), new FloatArray(t.numel()));
        this.tensors = Collections.unmodifiableMap(m);
    }

    /** Allocates zero-filled tensors for {@code config}. */
    public static Parameters allocate(TrmConfig config) { return new Parameters(ParameterSpec.of(config)); }

    /** Allocates and initialises ({@link #init(long)}). */
    public static Parameters initialized(TrmConfig config, long seed) { return allocate(config).init(seed); }

    public TrmConfig config() { return spec.config(); }

    public ParameterSpec spec() { return spec; }

    /** Tensor names in state-dict order. */
    public List<String> names() { return spec.names(); }

    /** Every tensor by name, in state-dict order (unmodifiable map; the arrays are live). */
    public Map<String, FloatArray> tensors() { return tensors; }

    /** The tensor called {@code name}; an unknown name is an error. */
    public FloatArray get(String name) {
        FloatArray a = tensors.get(name);
        if (a == null) throw new IllegalArgumentException("config '" + config().name() + "' has no tensor " + name);
        return a;
    }

    /** The spec (shape, role, init) of {@code name}. */
    public TensorSpec specOf(String name) { return spec.get(name); }

    /**
     * Initialises every tensor as the reference does (see {@link ParameterSpec}): truncated normal
     * ({@link TruncatedNormal}, one generator per tensor from {@code seed} and its name) or a constant.
     * Same seed, same values. Leaves optimizer state and EMA untouched (see {@link #resetOptimizerAndEma()}).
     */
    public Parameters init(long seed) {
        spec.tensors().parallelStream().forEach(t -> initTensor(t, get(t.name()), seed));
        return this;
    }

    private static void initTensor(TensorSpec t, FloatArray a, long seed) {
        switch (t.init()) {
            case Init.Constant c -> { if (c.value() == 0f) a.clear(); else a.init(c.value()); }
            case Init.TruncNormal n -> {
                RandomGenerator rng = TruncatedNormal.generator(TruncatedNormal.tensorSeed(seed, t.name()));
                TruncatedNormal.fill(a, n.std(), rng);
            }
        }
    }

    /** Elements trained by AdamATan2 (the reference's parameter count). */
    public long adamCount() { return spec.adamCount(); }

    /** Elements trained at all (AdamATan2 weights + puzzle embedding). */
    public long trainableCount() { return spec.trainableCount(); }

    /** Every element, buffers included. */
    public long totalCount() { return spec.totalCount(); }

    /** Copies every tensor's values from {@code other} (same shapes required); optimizer state and EMA are not copied. */
    public void copyFrom(Parameters other) {
        for (TensorSpec t : spec.tensors()) {
            TensorSpec o = other.spec.get(t.name());
            if (!java.util.Arrays.equals(o.shape(), t.shape()))
                throw new IllegalArgumentException("tensor " + t.name() + ": shape " + t.shapeString() + " here, " + o.shapeString() + " in the source");
            copy(other.get(t.name()), get(t.name()));
        }
    }

    static void copy(FloatArray from, FloatArray to) {
        if (from.getSize() != to.getSize()) throw new IllegalArgumentException("size " + from.getSize() + " vs " + to.getSize());
        to.getSegment().copyFrom(from.getSegment().asSlice(0, from.getNumBytes()));
    }

    // ---------------------------------------------------------------- optimizer state

    /** True when {@link #allocateOptimizerState()} was called (or a checkpoint with optimizer state was loaded). */
    public boolean hasOptimizerState() { return optimizer != null; }

    /** Allocates the AdamATan2 state (zeros, step 0) if there is none yet, and returns it. */
    public OptimizerState allocateOptimizerState() {
        if (optimizer == null) optimizer = new OptimizerState(spec);
        return optimizer;
    }

    /** The AdamATan2 state; an error when none was allocated. */
    public OptimizerState optimizerState() {
        if (optimizer == null) throw new IllegalStateException("no optimizer state allocated (call allocateOptimizerState())");
        return optimizer;
    }

    // ---------------------------------------------------------------- EMA

    /** True when {@link #allocateEma()} was called (or a checkpoint with EMA was loaded). */
    public boolean hasEma() { return ema != null; }

    /** Allocates the EMA copies of the ADAM tensors, starting from the current values (as EMAHelper.register), if there are none yet. */
    public Map<String, FloatArray> allocateEma() {
        if (ema == null) {
            Map<String, FloatArray> m = new LinkedHashMap<>();
            for (TensorSpec t : spec.withRole(Role.ADAM)) {
                FloatArray a = new FloatArray(t.numel());
                copy(get(t.name()), a);
                m.put(t.name(), a);
            }
            ema = Collections.unmodifiableMap(m);
        }
        return ema;
    }

    /** The EMA copies by tensor name (ADAM tensors only); an error when none were allocated. */
    public Map<String, FloatArray> ema() {
        if (ema == null) throw new IllegalStateException("no EMA allocated (call allocateEma())");
        return ema;
    }

    /** The EMA copy of {@code name}. */
    public FloatArray ema(String name) {
        FloatArray a = ema().get(name);
        if (a == null) throw new IllegalArgumentException("tensor " + name + " has no EMA copy (only AdamATan2-trained tensors have one)");
        return a;
    }

    /** A new model whose ADAM tensors are the EMA values and whose other tensors are copies of this one's (the reference's ema_copy). */
    public Parameters emaCopy() {
        Parameters p = new Parameters(spec);
        p.copyFrom(this);
        for (Map.Entry<String, FloatArray> e : ema().entrySet()) copy(e.getValue(), p.get(e.getKey()));
        return p;
    }

    /** Drops optimizer state and EMA (e.g. after a re-init). */
    public void resetOptimizerAndEma() { optimizer = null; ema = null; }

    /** AdamATan2 state: first and second moments (exp_avg, exp_avg_sq, as torch names them) per ADAM tensor, and the step count. */
    public static final class OptimizerState {
        private final Map<String, FloatArray> expAvg = new LinkedHashMap<>();
        private final Map<String, FloatArray> expAvgSq = new LinkedHashMap<>();
        private long step;

        OptimizerState(ParameterSpec spec) {
            for (TensorSpec t : spec.withRole(Role.ADAM)) {
                expAvg.put(t.name(), new FloatArray(t.numel()));
                expAvgSq.put(t.name(), new FloatArray(t.numel()));
            }
        }

        /** Names of the tensors with state (the ADAM tensors, in order). */
        public List<String> names() { return List.copyOf(expAvg.keySet()); }

        /** m of {@code name}. */
        public FloatArray expAvg(String name) { return need(expAvg, name); }

        /** v of {@code name}. */
        public FloatArray expAvgSq(String name) { return need(expAvgSq, name); }

        /** Optimizer steps taken (t in the bias corrections 1 - beta^t). */
        public long step() { return step; }

        public void setStep(long step) {
            if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
            this.step = step;
        }

        /** step + 1, returned. */
        public long incrementStep() { return ++step; }

        private static FloatArray need(Map<String, FloatArray> m, String name) {
            FloatArray a = m.get(name);
            if (a == null) throw new IllegalArgumentException("tensor " + name + " has no AdamATan2 state (only AdamATan2-trained tensors have one)");
            return a;
        }
    }
}
