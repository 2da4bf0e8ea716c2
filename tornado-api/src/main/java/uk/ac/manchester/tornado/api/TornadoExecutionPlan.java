package uk.ac.manchester.tornado.api;

import java.util.ArrayList;
import java.util.List;
import org.trm4j.api.Device;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.TaskGraph.Task;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.KernelCache;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * Runs immutable task graphs on one device. Part of trm4j's TornadoVM bridge, not TornadoVM: it drives a trm4j
 * {@link ExecutionPlan}. Arrays stay on the device between executions until {@link #freeDeviceMemory()}
 * or {@link #close()}. The {@code with...} calls change this plan and return it.
 */
public class TornadoExecutionPlan implements AutoCloseable {
    private final ImmutableTaskGraph[] graphs;
    private ExecutionPlan plan;
    private Device device;
    private GridScheduler scheduler;
    private ProfilerMode profilerMode;
    private boolean printKernel, threadInfo;

    public TornadoExecutionPlan(ImmutableTaskGraph... immutableTaskGraphs) {
        if (immutableTaskGraphs.length == 0) throw new TornadoExecutionPlanException("an execution plan needs at least one task graph");
        graphs = immutableTaskGraphs.clone();
    }

    /** Device {@code deviceIndex} of backend {@code backendIndex}, as TornadoRuntime numbers them. */
    public static TornadoDevice getDevice(int backendIndex, int deviceIndex) {
        return TornadoRuntimeProvider.getTornadoRuntime().getBackend(backendIndex).getDevice(deviceIndex);
    }

    /** Runs every graph once, in order. */
    public TornadoExecutionResult execute() {
        ExecutionPlan p = plan();
        if (printKernel || threadInfo) describeTasks((DeviceRuntime) p.getDevice());
        TornadoExecutionResult r = new TornadoExecutionResult(p.execute());
        if (profilerMode == ProfilerMode.CONSOLE) r.getProfilerResult().dumpProfiles();
        return r;
    }

    /** Runs every task on {@code device}. */
    public TornadoExecutionPlan withDevice(TornadoDevice device) {
        this.device = device.trm4jDevice();
        if (plan != null) plan.withDevice(this.device);
        return this;
    }

    public TornadoExecutionPlan withGridScheduler(GridScheduler gridScheduler) {
        this.scheduler = gridScheduler;
        return this;
    }

    /** Records kernel times from device events; CONSOLE also prints the profile after each execution. */
    public TornadoExecutionPlan withProfiler(ProfilerMode mode) {
        profilerMode = mode;
        if (plan != null) plan.withProfiler();
        return this;
    }

    public TornadoExecutionPlan withoutProfiler() {
        profilerMode = null;
        if (plan != null) plan.withoutProfiler();
        return this;
    }

    /** Compiles every task's kernel for the device now, so the first execution spends no JIT time. */
    public TornadoExecutionPlan withPreCompilation() {
        DeviceRuntime dev = (DeviceRuntime) plan().getDevice();
        for (Task t : tasks()) KernelCache.get(dev, t.method());
        return this;
    }

    /** Same as {@link #withPreCompilation()}. */
    public TornadoExecutionPlan withWarmUp() { return withPreCompilation(); }

    /** Prints each task's generated code (OpenCL C, PTX, SPIR-V...) before executing. */
    public TornadoExecutionPlan withPrintKernel() { printKernel = true; return this; }

    public TornadoExecutionPlan withoutPrintKernel() { printKernel = false; return this; }

    /** Prints each task's device and grid before executing. */
    public TornadoExecutionPlan withThreadInfo() { threadInfo = true; return this; }

    public TornadoExecutionPlan withoutThreadInfo() { threadInfo = false; return this; }

    /** Accepted for compatibility; trm4j's JIT takes no backend compiler flags, so they have no effect. */
    public TornadoExecutionPlan withCompilerFlags(TornadoVMBackendType backend, String compilerFlags) { return this; }

    /** Frees this plan's device buffers; a later execution copies the data in again. */
    public TornadoExecutionPlan freeDeviceMemory() {
        if (plan != null) plan.close();
        plan = null;
        return this;
    }

    /** The device the plan runs on. */
    public TornadoDevice getDevice(int immutableTaskGraphIndex) {
        if (immutableTaskGraphIndex < 0 || immutableTaskGraphIndex >= graphs.length)
            throw new TornadoExecutionPlanException("no task graph " + immutableTaskGraphIndex + " in this plan (it has " + graphs.length + ")");
        Device d = plan().getDevice();
        for (int b = 0; b < TornadoRuntimeProvider.getTornadoRuntime().getNumBackends(); b++)
            for (TornadoDevice td : TornadoRuntimeProvider.getTornadoRuntime().getBackend(b).getAllDevices())
                if (td.trm4jDevice() == d) return td;
        throw new TornadoExecutionPlanException("device " + d.id() + " is not listed by the runtime");
    }

    /** Frees the device buffers. */
    @Override public void close() throws TornadoExecutionPlanException { freeDeviceMemory(); }

    private ExecutionPlan plan() {
        if (plan == null) {
            org.trm4j.api.ImmutableTaskGraph[] gs = new org.trm4j.api.ImmutableTaskGraph[graphs.length];
            for (int i = 0; i < gs.length; i++) gs[i] = graphs[i].trm4jGraph();
            plan = new ExecutionPlan(gs);
            if (device != null) plan.withDevice(device);
            if (profilerMode != null) plan.withProfiler();
        }
        // Grids are mutable until execution (TornadoVM programs set local sizes after building the scheduler).
        if (scheduler != null) plan.withGridScheduler(scheduler.trm4jScheduler());
        return plan;
    }

    private List<Task> tasks() {
        List<Task> out = new ArrayList<>();
        for (ImmutableTaskGraph g : graphs)
            for (org.trm4j.api.TaskGraph.Step s : g.trm4jGraph().steps())
                if (s instanceof Task t) out.add(t);
        return out;
    }

    private void describeTasks(DeviceRuntime dev) {
        for (ImmutableTaskGraph g : graphs) {
            for (org.trm4j.api.TaskGraph.Step s : g.trm4jGraph().steps()) {
                if (!(s instanceof Task t)) continue;
                String name = g.getTaskGraphName() + "." + t.id();
                if (threadInfo) {
                    WorkerGrid grid = scheduler == null ? null : scheduler.get(name);
                    System.out.println("Task info: " + name + "\n\tBackend : " + dev.backend() + "\n\tDevice  : " + dev.id() + " " + dev.name()
                            + "\n\tGrid    : " + (grid == null ? "chosen by trm4j from the @Parallel loop bounds" : grid));
                }
                if (printKernel) System.out.println(KernelCache.get(dev, t.method()).kernel().code());
            }
        }
    }
}
