package org.trm4j.api;

import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.HeapArrays;
import org.trm4j.runtime.KernelCache;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Runs one or more task graphs on one device (TornadoVM's TornadoExecutionPlan). Arrays stay on the
 * device between tasks and between executions; transfers follow each graph's {@link DataTransferMode}.
 * An array a task uses that no transferToDevice names is copied in when first allocated, so a kernel
 * always sees the host contents it was given. Closing the plan frees its device buffers.
 */
public final class ExecutionPlan implements AutoCloseable {
    private final List<ImmutableTaskGraph> graphs;
    private DeviceRuntime device;
    private GridScheduler scheduler = new GridScheduler();
    private boolean profiling;
    private boolean boundsChecks;
    private long executions;
    private final Set<NativeArray> resident = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Arrays this plan persisted or consumed: freed by the last plan that holds them. */
    private final Set<NativeArray> shared = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    public ExecutionPlan(ImmutableTaskGraph... graphs) {
        if (graphs.length == 0) throw new IllegalArgumentException("an execution plan needs at least one task graph");
        this.graphs = List.of(graphs);
    }

    /** Runs every task on {@code device}; buffers already on another device are freed there. */
    public ExecutionPlan withDevice(Device device) {
        if (!(device instanceof DeviceRuntime d)) throw new IllegalArgumentException("not a device of this runtime: " + device);
        if (this.device != null && this.device != d) freeBuffers();
        this.device = d;
        executions = 0; // FIRST_EXECUTION data must be sent to the new device
        return this;
    }

    public ExecutionPlan withGridScheduler(GridScheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

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

    /** Runs every graph once, in order. */
    public ExecutionResult execute() {
        if (closed) throw new IllegalStateException("execution plan is closed");
        DeviceRuntime dev = device();
        ProfilerResult profile = new ProfilerResult();
        long t0 = System.nanoTime();
        boolean first = executions == 0;
        for (ImmutableTaskGraph g : graphs) {
            for (TaskGraph.Step step : g.steps()) {
                switch (step) {
                    case TaskGraph.Transfer t when t.toDevice() -> {
                        for (NativeArray a : t.arrays()) {
                            boolean fresh = allocate(dev, a, profile);
                            if (!fresh && (t.mode() == DataTransferMode.EVERY_EXECUTION || (first && t.mode() == DataTransferMode.FIRST_EXECUTION)))
                                copyIn(dev, a, profile);
                        }
                    }
                    case TaskGraph.Transfer t -> {
                        if (t.mode() == DataTransferMode.EVERY_EXECUTION || (first && t.mode() == DataTransferMode.FIRST_EXECUTION))
                            for (NativeArray a : t.arrays()) copyBack(a, profile);
                    }
                    case TaskGraph.Task task -> runTask(dev, g, task, profile);
                    case TaskGraph.Persist p -> {
                        for (NativeArray a : p.arrays()) {
                            allocate(dev, a, profile);
                            if (!dev.usesHostMemory() && shared.add(a)) PersistedArrays.persist(dev, a);
                        }
                    }
                    case TaskGraph.Consume c -> {
                        for (NativeArray a : c.arrays()) {
                            if (resident.contains(a) || dev.usesHostMemory()) { allocate(dev, a, profile); continue; }
                            if (!PersistedArrays.consume(dev, a))
                                throw new IllegalStateException("consumeFromDevice in graph " + g.getTaskGraphName() + ": " + a
                                        + " was not persisted on " + dev.id() + " by a plan that ran there (persistOnDevice)");
                            resident.add(a);
                            shared.add(a);
                        }
                    }
                }
            }
        }
        executions++;
        profile.setTotal(System.nanoTime() - t0);
        return new ExecutionResult(this, profile);
    }

    private void runTask(DeviceRuntime dev, ImmutableTaskGraph g, TaskGraph.Task task, ProfilerResult profile) {
        String name = g.getTaskGraphName() + "." + task.id();
        KernelCache.Entry entry = boundsChecks ? BoundsChecks.requesting(() -> KernelCache.get(dev, task.method()))
                : KernelCache.get(dev, task.method());
        if (entry.fresh()) profile.addJit(entry.kernel().compileNanos());
        CompiledKernel kernel = entry.kernel();
        Object[] args = task.args().toArray();
        for (int i = 0; i < args.length; i++) {
            // A Java primitive array travels as its off-heap mirror; the java backend runs on the array itself.
            NativeArray mirror = HeapArrays.mirror(args[i]);
            if (mirror != null) {
                allocate(dev, mirror, profile);
                if (!dev.usesHostMemory()) args[i] = mirror;
            }
            if (args[i] instanceof NativeArray a) allocate(dev, a, profile);
        }
        try {
            profile.addKernel(name, dev.launch(kernel, args, scheduler.get(name)));
        } catch (RuntimeException e) {
            throw new TaskFailedException("task " + name + " (" + task.method().getDeclaringClass().getName() + "."
                    + task.method().getName() + ") failed on " + dev.id() + ": " + e.getMessage(), e);
        }
    }

    /** Allocates the device copy of {@code a} and copies it in if it is new; returns whether it was new. */
    private boolean allocate(DeviceRuntime dev, NativeArray a, ProfilerResult profile) {
        if (!resident.add(a)) return false;
        dev.allocate(a);
        copyIn(dev, a, profile);
        return true;
    }

    private void copyIn(DeviceRuntime dev, NativeArray a, ProfilerResult profile) {
        if (!dev.usesHostMemory()) HeapArrays.toMirror(a);
        profile.addCopyIn(dev.copyToDevice(a), a.getNumBytes());
    }

    void copyBack(NativeArray a, ProfilerResult profile) {
        if (!resident.contains(a))
            throw new IllegalArgumentException("transferToHost: " + a + " is not on the device (no task or transfer of this plan used it yet)");
        profile.addCopyOut(device().copyToHost(a), a.getNumBytes());
        if (!device().usesHostMemory()) HeapArrays.fromMirror(a);
    }

    private DeviceRuntime device() {
        if (device == null) device = (DeviceRuntime) Devices.defaultDevice();
        return device;
    }

    private void freeBuffers() {
        for (NativeArray a : resident)
            if (!shared.contains(a) || PersistedArrays.letGo(device, a)) device.release(a);
        resident.clear();
        shared.clear();
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
