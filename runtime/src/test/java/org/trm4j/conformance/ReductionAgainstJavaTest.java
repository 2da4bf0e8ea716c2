package org.trm4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.LongArray;
import org.trm4j.api.TaskGraph;

/**
 * {@code @Reduce} through trm4j's own API on every device, against plain Java (not against the java backend, which
 * could be wrong the same way): 4,194,304 ones must sum to 4,194,304, where racing work-items lose updates.
 */
class ReductionAgainstJavaTest {

    @TestFactory
    List<DynamicTest> reductionsMatchJava() {
        List<Device> devices = Devices.list();
        List<String> missing = RequiredBackends.missing(devices);
        assertTrue(missing.isEmpty(), () -> RequiredBackends.explain(missing, devices));
        List<DynamicTest> out = new ArrayList<>();
        for (Device d : devices) {
            out.add(DynamicTest.dynamicTest("sum of 4194304 ones on " + d.id(), () -> sumOfOnes(d)));
            out.add(DynamicTest.dynamicTest("long sum of 0..n-1, n=100003, on " + d.id(), () -> longSum(d)));
        }
        return out;
    }

    private static void sumOfOnes(Device device) {
        int n = 4_194_304;
        FloatArray in = new FloatArray(n);
        in.init(1f);
        FloatArray result = FloatArray.fromElements(0f);
        TaskGraph g = new TaskGraph("ones").transferToDevice(DataTransferMode.EVERY_EXECUTION, in, result)
                .task("sum", ReductionAndLocalArrayKernels::reduceSumFloat, in, result)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, result);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            plan.execute();
            assertEquals(4_194_304f, result.get(0), "first execution");
            result.set(0, 0f);
            plan.execute();
            assertEquals(4_194_304f, result.get(0), "second execution");
        }
    }

    private static void longSum(Device device) {
        int n = 100_003;
        LongArray in = new LongArray(n);
        long expected = 0;
        for (int i = 0; i < n; i++) { in.set(i, i * 3_000_000L); expected += i * 3_000_000L; }
        LongArray result = LongArray.fromElements(7L);
        TaskGraph g = new TaskGraph("longs").transferToDevice(DataTransferMode.EVERY_EXECUTION, in, result)
                .task("sum", ReductionAndLocalArrayKernels::reduceSumLong, in, result)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, result);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            plan.execute();
        }
        assertEquals(expected + 7L, result.get(0), "7 + sum");
    }
}
