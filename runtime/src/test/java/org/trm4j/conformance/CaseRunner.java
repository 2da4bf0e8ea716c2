package org.trm4j.conformance;

import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.NativeArray;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one case on one device through the public API: fresh arguments from the case's seed, outputs
 * poisoned, every array sent to the device, the compared ones brought back.
 */
final class CaseRunner {
    static final String GRAPH = "conformance";
    static final String TASK = "t0";

    private CaseRunner() {}

    /** The arguments after the run; their compared arrays hold what the device wrote. */
    static List<KernelArg> run(ConformanceCase c, Device device, long seed) {
        List<KernelArg> args = c.makeArgs(seed);
        List<NativeArray> all = new ArrayList<>();
        List<NativeArray> back = new ArrayList<>();
        for (KernelArg a : args) {
            if (a instanceof KernelArg.Out o) Poison.fill(o.value());
            if (a.value() instanceof NativeArray n) all.add(n);
            if (a.isCompared()) back.add((NativeArray) a.value());
        }
        Object[] values = args.stream().map(KernelArg::value).toArray();
        TaskGraph g = new TaskGraph(GRAPH);
        if (!all.isEmpty()) g.transferToDevice(DataTransferMode.EVERY_EXECUTION, all.toArray());
        TaskLauncher.addTask(g, TASK, c.kernel(), values);
        if (!back.isEmpty()) g.transferToHost(DataTransferMode.EVERY_EXECUTION, back.toArray());
        GridScheduler scheduler = new GridScheduler();
        WorkerGrid grid = c.grid().get();
        if (grid != null) scheduler.addWorkerGrid(GRAPH + "." + TASK, grid);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot())) {
            plan.withDevice(device).withGridScheduler(scheduler).execute();
        }
        return args;
    }
}
