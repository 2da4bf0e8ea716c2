package org.trm4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoExecutionPlanException;
import uk.ac.manchester.tornado.api.exceptions.TornadoRuntimeException;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/** The bridge's own contracts: javadoc notice, device numbering, errors that name things, plan options. */
class BridgeApiTest {

    static void addOne(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    static void timesThree(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) * 3f);
    }

    @Test
    void everyBridgeClassSaysItIsTrm4jsBridgeNotTornadoVM() throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.walk(Path.of("src/main/java/uk"))) {
            sources = s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList();
        }
        assertTrue(sources.size() > 50, "bridge sources: " + sources.size());
        for (Path p : sources) {
            String text = Files.readString(p);
            assertTrue(text.contains("trm4j's TornadoVM bridge") || text.contains("trm4j's bridge"), p + " does not say it is trm4j's bridge");
        }
    }

    @Test
    void runtimeListsEveryTrm4jDeviceOnceWithTheDefaultFirst() {
        TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
        Set<String> seen = new HashSet<>();
        for (int b = 0; b < rt.getNumBackends(); b++)
            for (TornadoDevice d : rt.getBackend(b).getAllDevices()) {
                assertTrue(seen.add(d.trm4jDevice().id()), "listed twice: " + d);
                assertEquals(TornadoVMBackendType.ofTrm4j(d.trm4jDevice().backend()), rt.getBackend(b).getBackendType());
            }
        assertEquals(Devices.list().stream().map(Device::id).collect(java.util.stream.Collectors.toSet()), seen);
        assertSame(Devices.defaultDevice(), TornadoExecutionPlan.getDevice(0, 0).trm4jDevice());
        assertSame(rt.getDefaultDevice(), TornadoExecutionPlan.getDevice(0, 0));
        TornadoRuntimeException e = assertThrows(TornadoRuntimeException.class, () -> TornadoExecutionPlan.getDevice(0, 99));
        assertTrue(e.getMessage().contains("has no device 99") && e.getMessage().contains(rt.getDefaultDevice().getDescription()), e.getMessage());
        e = assertThrows(TornadoRuntimeException.class, () -> TornadoExecutionPlan.getDevice(42, 0));
        assertTrue(e.getMessage().startsWith("no backend 42; backends: 0="), e.getMessage());
    }

    @Test
    void badTransferModeAndEmptyPlanAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskGraph("g").transferToDevice(7, new FloatArray(1)));
        assertTrue(e.getMessage().contains("unknown DataTransferMode 7"), e.getMessage());
        assertThrows(TornadoExecutionPlanException.class, TornadoExecutionPlan::new);
    }

    @Test
    void printKernelThreadInfoPreCompilationAndFreeDeviceMemory() {
        TornadoDevice device = TornadoExecutionPlan.getDevice(0, 0);
        FloatArray a = new FloatArray(100);
        a.init(1f);
        TaskGraph g = new TaskGraph("opts").transferToDevice(DataTransferMode.EVERY_EXECUTION, a)
                .task("t", BridgeApiTest::timesThree, a).transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
            plan.withDevice(device).withPreCompilation();
            System.setOut(new PrintStream(captured, true));
            long jit = plan.withPrintKernel().withThreadInfo().execute().getProfilerResult().getCompileTime();
            System.setOut(old);
            assertEquals(0, jit, "withPreCompilation compiled the kernel before the first execution");
            plan.freeDeviceMemory();
            plan.withoutPrintKernel().withoutThreadInfo().execute();
        } finally {
            System.setOut(old);
        }
        String out = captured.toString();
        assertTrue(out.contains("Task info: opts.t") && out.contains(device.trm4jDevice().id()), out);
        assertTrue(out.contains("timesThree"), "the generated code names the kernel: " + out);
        for (int i = 0; i < 100; i++) assertEquals(9f, a.get(i), "two executions of x3");
    }

    @Test
    void gridSchedulerGridsAreReadAtExecution() {
        FloatArray a = new FloatArray(1000);
        TaskGraph g = new TaskGraph("grid").transferToDevice(DataTransferMode.EVERY_EXECUTION, a)
                .task("t", BridgeApiTest::addOne, a).transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        uk.ac.manchester.tornado.api.WorkerGrid1D w = new uk.ac.manchester.tornado.api.WorkerGrid1D(1000);
        uk.ac.manchester.tornado.api.GridScheduler s = new uk.ac.manchester.tornado.api.GridScheduler("grid.t", w);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot()).withGridScheduler(s)) {
            w.setLocalWork(100, 1, 1); // after withGridScheduler, as TornadoVM programs often do
            plan.withDevice(TornadoExecutionPlan.getDevice(0, 0)).execute();
        }
        for (int i = 0; i < 1000; i++) assertEquals(1f, a.get(i));
        assertEquals(100L, w.getLocalWork()[0]);
    }
}
