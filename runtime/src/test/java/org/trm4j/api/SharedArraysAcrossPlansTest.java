package org.trm4j.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trm4j.runtime.DeviceRuntime;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Plans that share a host array, on every device: the result must be what the same kernels run one after
 * another in plain Java give (issue 9 item 1), and closing a device must leave it usable (item 2).
 */
class SharedArraysAcrossPlansTest {

    public static void increment(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    public static void scale(FloatArray a, float f) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) * f);
    }

    static List<Device> devices() { return Devices.list(); }

    private static ExecutionPlan incrementer(Device d, FloatArray c) {
        return new ExecutionPlan(new TaskGraph("a").task("inc", SharedArraysAcrossPlansTest::increment, c).snapshot()).withDevice(d);
    }

    /** Plan B copies c out with a kernel that leaves it unchanged (scales by 1). */
    private static ExecutionPlan reader(Device d, FloatArray c, DataTransferMode in) {
        TaskGraph g = new TaskGraph("b");
        if (in != null) g.transferToDevice(in, c);
        return new ExecutionPlan(g.task("keep", SharedArraysAcrossPlansTest::scale, c, 1f)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c).snapshot()).withDevice(d);
    }

    @ParameterizedTest @MethodSource("devices")
    void aSecondPlanSeesTheFirstPlansDeviceDataAndClosingItKeepsTheFirstPlansBuffer(Device d) {
        FloatArray c = new FloatArray(1000);
        try (ExecutionPlan a = incrementer(d, c)) {
            a.execute();
            a.execute();
            try (ExecutionPlan b = reader(d, c, null)) {
                b.execute();
                assertEquals(2f, c.get(999), "plan B must read what plan A computed on the device");
            }
            ExecutionResult r = a.execute();
            r.transferToHost(c);
            assertEquals(3f, c.get(0), "plan A must continue from its own device data after plan B closed");
        }
    }

    @ParameterizedTest @MethodSource("devices")
    void aFirstExecutionUploadDoesNotOverwriteANewerDeviceCopy(Device d) {
        FloatArray c = new FloatArray(64);
        try (ExecutionPlan a = incrementer(d, c); ExecutionPlan b = reader(d, c, DataTransferMode.FIRST_EXECUTION)) {
            a.execute();
            b.execute();
            assertEquals(1f, c.get(5));
            a.execute();
            b.execute();
            assertEquals(2f, c.get(5));
        }
    }

    @ParameterizedTest @MethodSource("devices")
    void closingTheLastPlanCopiesBackWhatOnlyTheDeviceHeld(Device d) {
        FloatArray c = new FloatArray(64);
        try (ExecutionPlan a = incrementer(d, c)) {
            a.execute();
            a.execute();
        }
        assertEquals(2f, c.get(63), "no plan read c back, so closing must not lose the kernels' result");
        try (ExecutionPlan a = incrementer(d, c)) {
            a.execute();
        }
        assertEquals(3f, c.get(0), "a new plan starts from the host copy, which is current");
    }

    @ParameterizedTest @MethodSource("devices")
    void aClosedDeviceRunsLaterPlansAndKeepsThePlansThatWereOpen(Device d) {
        FloatArray c = new FloatArray(32);
        try (ExecutionPlan a = incrementer(d, c)) {
            a.execute();
            ((DeviceRuntime) d).close(); // frees buffers and compiled kernels: nothing may say "was released" later
            try (ExecutionPlan b = incrementer(d, c)) {
                b.execute();
            }
            a.execute();
        }
        assertEquals(3f, c.get(31));
    }
}
