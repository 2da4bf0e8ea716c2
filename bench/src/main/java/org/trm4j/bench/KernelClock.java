package org.trm4j.bench;

import org.trm4j.api.Device;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid;

import java.util.Arrays;
import java.util.function.Consumer;

/** Times one kernel the way every kernel figure of the report is taken: the profiler's kernel time, not the wall time. */
public final class KernelClock {
    private KernelClock() {}

    /**
     * Median kernel nanoseconds of {@code reps} executes (after {@code warmups}) of a graph "b" holding the one task
     * "t" that {@code addTask} adds; the arrays stay on the device between executes. {@code grid} may be null.
     */
    public static long medianNanos(Device d, Consumer<TaskGraph> addTask, WorkerGrid grid, int warmups, int reps) {
        TaskGraph g = new TaskGraph("b");
        addTask.accept(g);
        long[] ns = new long[reps];
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(d).withProfiler()) {
            if (grid != null) plan.withGridScheduler(new GridScheduler("b.t", grid));
            for (int i = 0; i < warmups; i++) plan.execute();
            for (int i = 0; i < reps; i++) ns[i] = plan.execute().getProfilerResult().kernelNanos("b.t");
        }
        return median(ns);
    }

    /** The median (upper middle) of {@code v}; {@code v} is left as it was. */
    public static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
