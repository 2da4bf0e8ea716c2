package org.trm4j.jit.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelIndexOutOfBoundsException;
import org.trm4j.api.WorkerGrid;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.runtime.BoundsChecks;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;

/**
 * -Dtrm.checkBounds: an out-of-range access is reported as kernel, array, index and length, the same
 * on the java backend (which throws where the access happens) and on the devices (which report after
 * the launch through the checked kernel's error array). The devices this machine has are all tested:
 * java, and the opencl, spirv and cuda devices the backends found.
 */
class BoundsCheckTest {

    static List<String> devices() {
        List<String> ids = new ArrayList<>();
        for (Device d : Devices.list())
            if (d.id().equals("java") || d.id().endsWith(":0:0") || d.id().equals("cuda:0")) ids.add(d.id());
        return ids;
    }

    private static Method kernel(String name) {
        for (Method m : BoundsKernels.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError(name);
    }

    /** Compiles with checks on (straight from the device: the task-graph cache keeps kernels for the JVM's life) and launches. */
    private static void run(String deviceId, String kernel, Object[] args, WorkerGrid grid) {
        DeviceRuntime d = (DeviceRuntime) Devices.get(deviceId);
        CompiledKernel k;
        String old = System.setProperty(BoundsChecks.PROPERTY, "true");
        try {
            k = d.compile(kernel(kernel));
        } finally {
            if (old == null) System.clearProperty(BoundsChecks.PROPERTY); else System.setProperty(BoundsChecks.PROPERTY, old);
        }
        for (Object a : args) if (a instanceof org.trm4j.api.NativeArray n) { d.allocate(n); d.copyToDevice(n); }
        try {
            d.launch(k, args, grid);
            for (Object a : args) if (a instanceof org.trm4j.api.NativeArray n) d.copyToHost(n);
        } finally {
            for (Object a : args) if (a instanceof org.trm4j.api.NativeArray n) d.release(n);
        }
    }

    private static void expect(String deviceId, String kernel, Object[] args, WorkerGrid grid, String array, int index, int length) {
        KernelIndexOutOfBoundsException e = assertThrows(KernelIndexOutOfBoundsException.class, () -> run(deviceId, kernel, args, grid),
                deviceId + " did not report the bad access of " + kernel);
        String want = "kernel BoundsKernels." + kernel + ": array " + array + ": Index " + index + " out of bounds for length " + length;
        assertEquals(want, e.getMessage(), deviceId);
        assertEquals(index, e.index());
        assertEquals(length, e.length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void outOfRangeWrite(String device) {
        FloatArray in = FloatArray.fromElements(1, 2, 3, 4, 5, 6);
        IntArray to = IntArray.fromElements(5, 4, 3, 17, 1, 0);
        expect(device, "scatter", new Object[] {in, to, new FloatArray(6)}, null, "out", 17, 6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void outOfRangeRead(String device) {
        FloatArray in = FloatArray.fromElements(1, 2, 3, 4);
        IntArray from = IntArray.fromElements(0, 1, -3, 3);
        expect(device, "gather", new Object[] {in, from, new FloatArray(4)}, null, "in", -3, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void outOfRangeLocalArray(String device) {
        WorkerGrid grid = new WorkerGrid1D(8);
        grid.setLocalWork(8, 1, 1);
        expect(device, "localNeighbour", new Object[] {new org.trm4j.api.KernelContext(), new IntArray(8)}, grid, "local0", 8, 8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void outOfRangeAtomic(String device) {
        WorkerGrid grid = new WorkerGrid1D(4);
        grid.setLocalWork(4, 1, 1);
        expect(device, "histogram", new Object[] {new org.trm4j.api.KernelContext(), IntArray.fromElements(0, 3, 4, 1), new IntArray(4)}, grid, "buckets", 4, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void inRangeResultsUnchanged(String device) {
        FloatArray x = FloatArray.fromElements(1, 2, 3), y = FloatArray.fromElements(10, 20, 30);
        run(device, "saxpy", new Object[] {x, y, 2f}, null);
        assertArrayEquals(new float[] {12, 24, 36}, y.toHeapArray());
    }

    /** The plan option asks for checks without the system property; the failure names the task and carries the report. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void planOption(String device) {
        FloatArray in = FloatArray.fromElements(1, 2, 3), out = new FloatArray(3);
        IntArray to = IntArray.fromElements(0, 9, 1);
        org.trm4j.api.TaskGraph g = new org.trm4j.api.TaskGraph("bounds").task("scatter", BoundsKernels::scatter, in, to, out)
                .transferToHost(org.trm4j.api.DataTransferMode.EVERY_EXECUTION, out);
        try (org.trm4j.api.ExecutionPlan p = new org.trm4j.api.ExecutionPlan(g.snapshot()).withDevice(Devices.get(device)).withBoundsChecks()) {
            var e = assertThrows(org.trm4j.api.ExecutionPlan.TaskFailedException.class, p::execute);
            assertTrue(e.getCause() instanceof KernelIndexOutOfBoundsException k && k.index() == 9 && k.length() == 3 && k.array().equals("out"),
                    device + ": " + e);
            assertTrue(e.getMessage().contains("bounds.scatter") && e.getMessage().contains("Index 9 out of bounds for length 3"), e.getMessage());
        }
    }

    /** No GPU here: the checked PTX of each kernel above must at least assemble (ptxas is required, as for the other PTX tests). */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"scatter", "gather", "localNeighbour", "histogram", "saxpy"})
    void checkedPtxAssembles(String name) {
        var ptxas = org.trm4j.jit.ptx.PtxAssembler.find();
        if (ptxas.isEmpty()) {
            org.junit.jupiter.api.Assumptions.assumeTrue("1".equals(System.getenv("TRM_ALLOW_MISSING_PTXAS")),
                    "ptxas not found; set TRM_ALLOW_MISSING_PTXAS=1 to skip the offline PTX checks");
            return;
        }
        Method m = kernel(name);
        var checked = BoundsCheckPass.apply(org.trm4j.jit.frontend.KernelCompiler.compile(m), m.getParameterCount());
        String ptx = org.trm4j.jit.ptx.PtxRenderer.render(checked);
        assertTrue(ptx.contains("atom.global.add.u32"), "the violation counter is an atomic add:\n" + ptx);
        for (String arch : List.of("sm_75", "sm_80", "sm_90")) ptxas.get().assemble(ptx, arch, name + " (bounds-checked)");
    }

    @org.junit.jupiter.api.Test
    void checksRequireThePropertyOrThePlan() {
        assertTrue(devices().contains("java"));
        String old = System.clearProperty(BoundsChecks.PROPERTY);
        try {
            var strict = org.trm4j.runtime.CompileOptions.STRICT;
            assertEquals(null, org.trm4j.runtime.DeviceIr.of(kernel("saxpy"), strict).checkedAccesses, "unchecked unless -D" + BoundsChecks.PROPERTY);
            var checked = new org.trm4j.runtime.CompileOptions(false, true);
            assertEquals(3, org.trm4j.runtime.DeviceIr.of(kernel("saxpy"), checked).checkedAccesses.sites().size());
        } finally {
            if (old != null) System.setProperty(BoundsChecks.PROPERTY, old);
        }
    }
}
