package org.trm4j.kernels;

import org.trm4j.api.Device;
import org.trm4j.api.DeviceType;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.TaskGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks the linear kernel ({@link LinearVariant}) of each (device, op, shape) by timing every candidate once on
 * that device, and remembers the winner in {@link AutotuneCache} (a JSON file; see there for the switches), so the
 * measurement is paid once per machine. Not by backend name: a GPU, PoCL and the JVM each end up with what is
 * fastest there.
 *
 * <p>Candidates: every variant of the op, except KernelContext ones on the JVM device, which emulates them with
 * one thread per work-item (tens of times slower; timing them would take minutes). Products under
 * {@link #MIN_TUNED_FLOPS} are not timed (differences there are lost in launch overheads): they, and every shape
 * while {@link #NOT_MEASURING} is bound, get {@link #fallback}; larger ones with tuning off get {@link #untuned}. A cached choice whose entry lacks the
 * figure of a current candidate (made before that kernel existed) is measured again.
 *
 * <p>{@code -Dtrm.linear.kernels=NAME,...} (env {@code TRM_LINEAR_KERNELS}; e.g. {@code forwardPanel64,backwardWeightBlocked}) forces the named
 * variant of its op for every shape, measured or not (tests, experiments); ops not named are chosen as usual.
 */
public final class LinearTuner {
    /** Products smaller than this (2 * rows * in * out) take {@link #fallback} without timing. */
    public static final double MIN_TUNED_FLOPS = 5e7;
    private static final Map<String, LinearTuner> TUNERS = new ConcurrentHashMap<>();
    /** Bound to true while building graphs that will never run (e.g. to count their bytes): nothing is measured then. */
    public static final ScopedValue<Boolean> NOT_MEASURING = ScopedValue.newInstance();

    private final Device device;
    private final AutotuneCache cache;

    private LinearTuner(Device device, AutotuneCache cache) {
        this.device = device;
        this.cache = cache;
    }

    /** The device this tuner measures on. */
    public Device device() { return device; }

    /** The tuner of {@code device}, with the process-wide cache. */
    public static LinearTuner of(Device device) {
        return TUNERS.computeIfAbsent(device.id() + "|" + device.name(), k -> new LinearTuner(device, AutotuneCache.shared()));
    }

    /** The tuner of {@code device} with its own cache (tests). */
    static LinearTuner of(Device device, AutotuneCache cache) { return new LinearTuner(device, cache); }

    /** The kernel for {@code op} at this shape on this device (measured on first use, then cached). */
    public synchronized LinearVariant choose(LinearVariant.Op op, int rows, int in, int out) {
        LinearVariant forced = forced(op);
        if (forced != null) return forced;
        if (2.0 * rows * in * out < MIN_TUNED_FLOPS) return fallback(device, op);
        if (!cache.enabled()) return untuned(device, op);
        String key = key(op, rows, in, out);
        String name = cache.get(key);
        LinearVariant v = name == null ? null : LinearVariant.named(op, name);
        // An entry made before some candidate existed (an older trm4j) is measured again, so new kernels get their chance.
        if (v != null && candidates(op).contains(v) && cache.measured(key).containsAll(names(candidates(op)))) return v;
        if (NOT_MEASURING.orElse(false)) return fallback(device, op);
        Map<String, Double> gflops = measure(op, rows, in, out);
        String best = gflops.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        cache.put(key, best, gflops);
        return LinearVariant.named(op, best);
    }

    /** The variant of {@code op} named in {@code trm.linear.kernels}, or null; an unknown name is an error. */
    static LinearVariant forced(LinearVariant.Op op) {
        String list = System.getProperty("trm.linear.kernels", System.getenv().getOrDefault("TRM_LINEAR_KERNELS", ""));
        for (String name : list.split(",")) {
            name = name.trim();
            if (name.isEmpty()) continue;
            boolean known = false;
            for (LinearVariant.Op o : LinearVariant.Op.values()) known |= LinearVariant.named(o, name) != null;
            if (!known) throw new IllegalArgumentException("trm.linear.kernels: no linear kernel '" + name + "' (see trm linear-bench)");
            LinearVariant v = LinearVariant.named(op, name);
            if (v != null) return v;
        }
        return null;
    }

    /** The cache key: device id and name, op, rows x in x out. */
    String key(LinearVariant.Op op, int rows, int in, int out) {
        return device.id() + " | " + device.name() + " | " + op + " | " + rows + "x" + in + "x" + out;
    }

    /**
     * A product worth tuning with tuning off ({@code TRM_AUTOTUNE=off}): what measured best or near it at most of
     * TRM's shapes (bench/RESULTS.md): the 512-wide stripes where our JIT compiles for a CPU (PoCL, the vector
     * device), else {@link #fallback}. The stripes sum as the plain kernels do, so results do not change.
     */
    public static LinearVariant untuned(Device device, LinearVariant.Op op) {
        boolean jitOnCpu = device.type() == DeviceType.CPU || (device.type() == DeviceType.JVM && !device.backend().equals("java"));
        if (!jitOnCpu) return fallback(device, op);
        return LinearVariant.named(op, switch (op) {
            case FORWARD -> "forwardStripe512";
            case BACKWARD_INPUT -> "backwardInputStripe512";
            case BACKWARD_WEIGHT -> "backwardWeightStripe512";
        });
    }

    /** Without measurement: the tiled kernels on GPUs and accelerators, the CPU-shaped ones elsewhere. */
    public static LinearVariant fallback(Device device, LinearVariant.Op op) {
        boolean gpu = device.type() == DeviceType.GPU || device.type() == DeviceType.ACCELERATOR;
        String name = switch (op) {
            case FORWARD -> gpu ? "forwardTiled" : "forward";
            case BACKWARD_INPUT -> gpu ? "backwardInputTiled" : "backwardInputRows4";
            case BACKWARD_WEIGHT -> gpu ? "backwardWeightTiled" : "backwardWeight";
        };
        return LinearVariant.named(op, name);
    }

    private static List<String> names(List<LinearVariant> variants) { return variants.stream().map(LinearVariant::name).toList(); }

    List<LinearVariant> candidates(LinearVariant.Op op) {
        List<LinearVariant> c = new ArrayList<>();
        for (LinearVariant v : LinearVariant.all(op)) if (!(v.usesKernelContext() && device.type() == DeviceType.JVM)) c.add(v);
        return c;
    }

    /**
     * GFLOP/s of every candidate at this shape on random data: a warm-up of each ({@link #warmUp}), then {@link #ROUNDS} rounds
     * that time every candidate once in turn, the best time kept. Taking turns spreads the load of other processes
     * over the candidates (timing each one's executes back to back let a busy second of the machine sink one
     * candidate). A candidate whose warm-up already takes over {@link #HOPELESS} times the best warm-up is not timed
     * further (its warm-up figure is kept), so hopeless kernels cost one execute, not four.
     */
    Map<String, Double> measure(LinearVariant.Op op, int rows, int in, int out) {
        Random rnd = new Random(7);
        int aLen = op == LinearVariant.Op.FORWARD ? rows * in : rows * out;
        int bLen = op == LinearVariant.Op.BACKWARD_WEIGHT ? rows * in : out * in;
        int cLen = switch (op) { case FORWARD -> rows * out; case BACKWARD_INPUT -> rows * in; case BACKWARD_WEIGHT -> out * in; };
        FloatArray a = random(rnd, aLen), b = random(rnd, bLen), c = new FloatArray(cLen);
        double flops = 2.0 * rows * in * out;
        List<LinearVariant> vs = candidates(op);
        List<ExecutionPlan> plans = new ArrayList<>();
        long[] ns = new long[vs.size()];
        try {
            long bestWarmUp = Long.MAX_VALUE;
            for (int i = 0; i < vs.size(); i++) {
                LinearVariant v = vs.get(i);
                TaskGraph g = new TaskGraph("tune");
                v.add(g, "t", a, b, c, rows, in, out, false);
                ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withProfiler();
                plans.add(plan);
                if (v.grid(rows, in, out) != null) plan.withGridScheduler(new GridScheduler("tune.t", v.grid(rows, in, out)));
                ns[i] = warmUp(plan);
                bestWarmUp = Math.min(bestWarmUp, ns[i]);
            }
            for (int round = 0; round < ROUNDS; round++)
                for (int i = 0; i < vs.size(); i++)
                    if (ns[i] <= HOPELESS * bestWarmUp)
                        ns[i] = Math.min(ns[i], plans.get(i).execute().getProfilerResult().kernelNanos("tune.t"));
        } finally {
            for (ExecutionPlan p : plans) p.close();
        }
        Map<String, Double> gflops = new LinkedHashMap<>();
        for (int i = 0; i < vs.size(); i++) gflops.put(vs.get(i).name(), Math.round(flops / Math.max(1, ns[i]) * 10) / 10.0);
        return gflops;
    }

    /**
     * One execute, the kernel's time. On the JVM's devices the first executes run while HotSpot is still compiling
     * the kernel (interpreted, then C1): there the candidate runs until its time has stopped falling (three
     * executes in a row no faster than 0.9x the best so far) or {@link #JVM_WARM_UP_NANOS} have passed, so that
     * neither the pruning below nor the timing compares a compiled kernel with one still being compiled.
     */
    private long warmUp(ExecutionPlan plan) {
        long best = plan.execute().getProfilerResult().kernelNanos("tune.t");
        if (device.type() != DeviceType.JVM) return best;
        long end = System.nanoTime() + JVM_WARM_UP_NANOS;
        for (int still = 0; still < 3 && System.nanoTime() < end; ) {
            long t = plan.execute().getProfilerResult().kernelNanos("tune.t");
            still = t < 0.9 * best ? 0 : still + 1;
            best = Math.min(best, t);
        }
        return best;
    }

    /** The longest warm-up of one candidate on a JVM device. */
    static final long JVM_WARM_UP_NANOS = 4_000_000_000L;

    /** Timed rounds after the warm-up. */
    static final int ROUNDS = 3;

    /** A warm-up this many times slower than the best so far ends a candidate's timing. */
    static final int HOPELESS = 4;

    private static FloatArray random(Random rnd, int n) {
        FloatArray x = new FloatArray(n);
        for (int i = 0; i < n; i++) x.set(i, (float) rnd.nextGaussian());
        return x;
    }
}
