package org.trm4j.api;

import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.HeapArrays;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.HeapArrays;
import org.trm4j.runtime.KernelCache;
import org.trm4j.runtime.ResidentArrays;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one or more task graphs on one device (TornadoVM's TornadoExecutionPlan). Arrays stay on the
 * device between tasks and between executions; transfers follow each graph's {@link DataTransferMode}.
 * An array a task uses that no transferToDevice names is copied in when first allocated, so a kernel
 * always sees the host contents it was given. Closing the plan frees its device buffers.
 *
 * <p>Plans may share arrays, on one device or several: the device's {@link ResidentArrays} ledger keeps one
 * buffer per array for all of them and knows which copy is current, so a plan starting to use an array that
 * another plan computed on the device sees that result (its first-execution upload does not overwrite it), and
 * closing a plan copies back what only the device held before freeing a buffer no other plan holds. Any mix
 * of plans computes what the same kernels run one after another in plain Java would.
 */
public final class ExecutionPlan implements AutoCloseable {
    private final List<ImmutableTaskGraph> graphs;
    private DeviceRuntime device;
    private GridScheduler scheduler = new GridScheduler();
    private boolean profiling;
    private boolean relaxedMath;
    private boolean boundsChecks;
    /** Executions of each graph so far (FIRST_EXECUTION transfers happen on a graph's own first one). */
    private final long[] executions;
    /** The graph {@link #execute()} runs, or -1 for all of them in order. */
    private int selected = -1;
    /** The arrays this plan holds on {@link #device} (the ledger may drop them when the device is closed). */
    private final Set<NativeArray> held = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    public ExecutionPlan(ImmutableTaskGraph... graphs) {
        if (graphs.length == 0) throw new IllegalArgumentException("an execution plan needs at least one task graph");
        this.graphs = List.of(graphs);
        this.executions = new long[graphs.length];
    }

    /**
     * Makes {@link #execute()} run only graph {@code index} (TornadoVM's withGraph): graphs of one plan share their
     * device buffers, so a step can be split into graphs run in any order. FIRST_EXECUTION transfers happen on a
     * graph's own first execution, and only for arrays not yet on the device.
     */
    public ExecutionPlan withGraph(int index) {
        if (index < 0 || index >= graphs.size())
            throw new IndexOutOfBoundsException("graph " + index + " of a plan with " + graphs.size() + " graph(s)");
        selected = index;
        return this;
    }

    /** Makes {@link #execute()} run every graph again, in order (the default). */
    public ExecutionPlan withAllGraphs() { selected = -1; return this; }

    /** Runs every task on {@code device}; buffers already on another device are freed there. */
    public ExecutionPlan withDevice(Device device) {
        if (!(device instanceof DeviceRuntime d)) throw new IllegalArgumentException("not a device of this runtime: " + device);
        if (this.device != null && this.device != d) freeBuffers();
        this.device = d;
        java.util.Arrays.fill(executions, 0); // FIRST_EXECUTION data must be sent to the new device
        return this;
    }

    public ExecutionPlan withGridScheduler(GridScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * Relaxed maths for every graph of this plan: multiply-adds may be fused (see {@link TaskGraph#withRelaxedMath()}).
     * Takes effect for kernels compiled afterwards (strict and relaxed builds are cached separately).
     */
    public ExecutionPlan withRelaxedMath() { relaxedMath = true; return this; }

    /** Java-exact maths, except for graphs that asked for relaxed maths themselves (the default). */
    public ExecutionPlan withStrictMath() { relaxedMath = false; return this; }

    /** Kernel times from device events (otherwise still measured, from the host's clock around a synchronous launch). */
    public ExecutionPlan withProfiler() { profiling = true; return this; }

    public ExecutionPlan withoutProfiler() { profiling = false; return this; }

    public boolean isProfiling() { return profiling; }

    /**
     * Compiles this plan's kernels with a check on every array access, so that an index out of range fails
     * the task with {@link KernelIndexOutOfBoundsException} (kernel, array, index, length) instead of corrupting
     * device memory; as {@code -Dtrm.checkBounds=true} does for every plan. Slower: for debugging.
     */
    public ExecutionPlan withBoundsChecks() { boundsChecks = true; return this; }

    public ExecutionPlan withoutBoundsChecks() { boundsChecks = false; return this; }

    public Device getDevice() { return device(); }

    /**
     * Runs every graph once, in order (or only the one chosen by {@link #withGraph}). Tasks are enqueued back to
     * back; the host waits only where it needs results (before a copy to the host, and at the end), and kernel
     * times are read from the devices' events afterwards.
     */
    public ExecutionResult execute() {
        if (closed) throw new IllegalStateException("execution plan is closed");
        DeviceRuntime dev = device();
        ProfilerResult profile = new ProfilerResult();
        long t0 = System.nanoTime();
        List<Map.Entry<String, DeviceRuntime.Launch>> inFlight = new ArrayList<>();
        boolean done = false;
        try {
            for (int gi = 0; gi < graphs.size(); gi++)
                if (selected < 0 || gi == selected) run(dev, graphs.get(gi), executions[gi]++ == 0, inFlight, profile);
            drain(dev, inFlight, profile);
            done = true;
        } finally {
            if (!done) try { dev.finish(); } catch (RuntimeException ignored) { } // the first failure is already on its way
        }
        profile.setTotal(System.nanoTime() - t0);
        return new ExecutionResult(this, profile);
    }

    private void run(DeviceRuntime dev, ImmutableTaskGraph g, boolean first, List<Map.Entry<String, DeviceRuntime.Launch>> inFlight,
                     ProfilerResult profile) {
        for (TaskGraph.Step step : g.steps()) {
            switch (step) {
                case TaskGraph.Transfer t when t.toDevice() -> {
                    for (NativeArray a : t.arrays()) {
                        ResidentArrays.Acquired how = acquire(dev, a, profile);
                        if (how == ResidentArrays.Acquired.UPLOADED) continue;
                        boolean wanted = t.mode() == DataTransferMode.EVERY_EXECUTION
                                || ((first || how == ResidentArrays.Acquired.SHARED) && t.mode() == DataTransferMode.FIRST_EXECUTION);
                        // A first-execution upload never overwrites what kernels computed on the device since the last
                        // copy (another plan's, or another graph's of this plan): the host copy is the stale one.
                        boolean deviceNewer = t.mode() == DataTransferMode.FIRST_EXECUTION && ledger(dev).deviceNewer(a);
                        if (wanted && !deviceNewer) ledger(dev).upload(a, timer(profile));
                    }
                }
                case TaskGraph.Transfer t -> {
                    if (t.mode() == DataTransferMode.EVERY_EXECUTION || (first && t.mode() == DataTransferMode.FIRST_EXECUTION)) {
                        drain(dev, inFlight, profile);
                        for (NativeArray a : t.arrays()) copyBack(a, profile);
                    }
                }
                case TaskGraph.Task task -> inFlight.add(Map.entry(g.getTaskGraphName() + "." + task.id(), enqueue(dev, g, task, profile)));
                case TaskGraph.Persist p -> {
                    for (NativeArray a : p.arrays()) {
                        acquire(dev, a, profile);
                        ledger(dev).persist(a);
                    }
                }
                case TaskGraph.Consume c -> {
                    for (NativeArray a : c.arrays()) {
                        if (held.contains(a) && ledger(dev).holds(this, a) || dev.usesHostMemory()) { acquire(dev, a, profile); continue; }
                        if (!ledger(dev).consume(this, a))
                            throw new IllegalStateException("consumeFromDevice in graph " + g.getTaskGraphName() + ": " + a
                                    + " was not persisted on " + dev.id() + " by a plan that ran there (persistOnDevice)");
                        held.add(a);
                    }
                }
            }
        }
    }

    /** Waits for the tasks in flight and records their kernel times. */
    private static void drain(DeviceRuntime dev, List<Map.Entry<String, DeviceRuntime.Launch>> inFlight, ProfilerResult profile) {
        if (inFlight.isEmpty()) return;
        try {
            dev.finish();
        } catch (RuntimeException e) {
            String culprit = inFlight.stream().filter(l -> l.getValue().failed()).map(Map.Entry::getKey).findFirst()
                    .map(task -> "task " + task) // the device knows which launch failed
                    .orElse("a task of " + inFlight.getFirst().getKey() + " .. " + inFlight.getLast().getKey());
            throw new TaskFailedException(culprit + " failed on " + dev.id() + ": " + e.getMessage(), e);
        }
        for (Map.Entry<String, DeviceRuntime.Launch> l : inFlight) profile.addKernel(l.getKey(), l.getValue().nanos());
        inFlight.clear();
    }

    private DeviceRuntime.Launch enqueue(DeviceRuntime dev, ImmutableTaskGraph g, TaskGraph.Task task, ProfilerResult profile) {
        String name = g.getTaskGraphName() + "." + task.id();
        KernelCache.Entry entry = KernelCache.get(dev, task.method(), new CompileOptions(relaxedMath || g.relaxedMath(), boundsChecks));
        if (entry.fresh()) profile.addJit(entry.kernel().compileNanos());
        CompiledKernel kernel = entry.kernel();
        Object[] args = task.args().toArray();
        ResidentArrays ledger = ledger(dev);
        for (int i = 0; i < args.length; i++) {
            // A Java primitive array travels as its off-heap mirror; the java backend runs on the array itself.
            NativeArray mirror = HeapArrays.mirror(args[i]);
            NativeArray a = mirror != null ? mirror : args[i] instanceof NativeArray n ? n : null;
            if (a == null) continue;
            acquire(dev, a, profile);
            ledger.launchedWith(a);
            if (mirror != null && !dev.usesHostMemory()) args[i] = mirror;
        }
        try {
            return dev.enqueue(kernel, args, scheduler.get(name));
        } catch (RuntimeException e) {
            throw new TaskFailedException("task " + name + " (" + task.method().getDeclaringClass().getName() + "."
                    + task.method().getName() + ") failed on " + dev.id() + ": " + e.getMessage(), e);
        }
    }

    /** Makes this plan hold {@code a} on the device (uploading it when no plan had it there). */
    private ResidentArrays.Acquired acquire(DeviceRuntime dev, NativeArray a, ProfilerResult profile) {
        ResidentArrays.Acquired how = ledger(dev).acquire(this, a, timer(profile));
        held.add(a);
        return how;
    }

    void copyBack(NativeArray a, ProfilerResult profile) {
        if (!held.contains(a) || !ledger(device()).holds(this, a))
            throw new IllegalArgumentException("transferToHost: " + a + " is not on the device (no task or transfer of this plan used it yet)");
        ledger(device()).download(a, timer(profile));
    }

    private static ResidentArrays ledger(DeviceRuntime dev) { return ResidentArrays.of(dev); }

    private static ResidentArrays.CopyTimer timer(ProfilerResult profile) {
        return new ResidentArrays.CopyTimer() {
            @Override public void copiedIn(long nanos, long bytes) { profile.addCopyIn(nanos, bytes); }

            @Override public void copiedOut(long nanos, long bytes) { profile.addCopyOut(nanos, bytes); }
        };
    }

    private DeviceRuntime device() {
        if (device == null) device = (DeviceRuntime) Devices.defaultDevice();
        return device;
    }

    /** Lets go of every array this plan holds; the first failure is thrown after all were released. */
    private void freeBuffers() {
        ResidentArrays ledger = ledger(device);
        RuntimeException first = null;
        for (NativeArray a : held) {
            try {
                ledger.release(this, a);
            } catch (RuntimeException e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        held.clear();
        if (first != null) throw first;
    }

    /** Frees this plan's device buffers (compiled kernels stay cached for other plans). */
    @Override public void close() {
        if (closed) return;
        if (device != null) freeBuffers();
        closed = true;
    }

    /** A task failed at run time; the message names graph, task, kernel method and device. */
    public static final class TaskFailedException extends RuntimeException {
        public TaskFailedException(String message, Throwable cause) { super(message, cause); }
    }
}
