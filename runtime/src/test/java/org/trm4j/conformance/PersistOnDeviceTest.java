package org.trm4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.trm4j.api.Parallel;
import org.trm4j.api.ProfilerResult;
import org.trm4j.api.TaskGraph;

/**
 * persistOnDevice / consumeFromDevice in trm4j's own API: the consumer reads the producer's device buffer without a
 * copy, even after the producer closed, and a second consumer run after both closed is an error naming the array.
 */
class PersistOnDeviceTest {

    public static void plusOne(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    public static void copyTimesTwo(FloatArray from, FloatArray to) {
        for (@Parallel int i = 0; i < to.getSize(); i++) to.set(i, from.get(i) * 2f);
    }

    @TestFactory
    List<DynamicTest> persistedBuffersAreConsumedWithoutCopies() {
        List<DynamicTest> out = new ArrayList<>();
        for (Device d : Devices.list()) out.add(DynamicTest.dynamicTest("persist then consume on " + d.id(), () -> run(d)));
        return out;
    }

    private static void run(Device device) {
        int n = 1000;
        FloatArray a = new FloatArray(n), b = new FloatArray(n);
        a.init(1f);
        TaskGraph producer = new TaskGraph("producer").transferToDevice(DataTransferMode.FIRST_EXECUTION, a)
                .task("inc", PersistOnDeviceTest::plusOne, a).persistOnDevice(a);
        TaskGraph consumer = new TaskGraph("consumer").consumeFromDevice(a)
                .task("copy", PersistOnDeviceTest::copyTimesTwo, a, b).transferToHost(DataTransferMode.EVERY_EXECUTION, b);
        try (ExecutionPlan p = new ExecutionPlan(producer.snapshot()).withDevice(device)) {
            p.execute();
        }
        boolean sharedMemory = device.type() == org.trm4j.api.DeviceType.JVM; // java and vector run on the host arrays
        if (!sharedMemory) assertEquals(1f, a.get(0), "persisted data is not copied back to the host");
        ProfilerResult profile;
        try (ExecutionPlan c = new ExecutionPlan(consumer.snapshot()).withDevice(device)) {
            profile = c.execute().getProfilerResult();
        }
        for (int i = 0; i < n; i++) assertEquals(4f, b.get(i), "b[" + i + "] = 2 * (1 + 1)");
        if (sharedMemory) return;
        assertEquals((long) n * 4, profile.bytesIn(), "only b is copied in");
        // Both plans are closed and the consumer consumed it: the buffer is gone, so consuming again is an error.
        try (ExecutionPlan again = new ExecutionPlan(consumer.snapshot()).withDevice(device)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, again::execute);
            assertTrue(e.getMessage().contains("FloatArray[1000] was not persisted on " + device.id()), e.getMessage());
        }
    }
}
