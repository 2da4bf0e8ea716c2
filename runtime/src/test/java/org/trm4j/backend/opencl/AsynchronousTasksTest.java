package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Test;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;
import org.trm4j.api.ProfilerResult;
import org.trm4j.api.TaskGraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A graph's tasks are enqueued back to back: the host waits once, at the transfer to the host, and still gets every task's time. */
class AsynchronousTasksTest {

    public static void addOne(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    public static void twice(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) * 2f);
    }

    @Test void fiveTasksOneWait() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray a = new FloatArray(1 << 16);
            TaskGraph g = new TaskGraph("g").transferToDevice(DataTransferMode.EVERY_EXECUTION, a);
            for (int t = 0; t < 5; t++) g.task("t" + t, t % 2 == 0 ? AsynchronousTasksTest::addOne : AsynchronousTasksTest::twice, a);
            g.transferToHost(DataTransferMode.EVERY_EXECUTION, a);
            try (ExecutionPlan p = new ExecutionPlan(g.snapshot()).withDevice(d).withProfiler()) {
                p.execute(); // compiles
                a.init(1f);
                long before = d.kernelWaits();
                ProfilerResult r = p.execute().getProfilerResult();
                assertEquals(1, d.kernelWaits() - before, "the host waits once, before copying the result back");
                for (int t = 0; t < 5; t++) assertTrue(r.kernelNanos("g.t" + t) > 0, "task g.t" + t + " has its device time");
                assertEquals(((1 + 1) * 2 + 1) * 2 + 1, a.get(12345), 0f); // 11: the five tasks ran in order
            }
        }
    }
}
