package org.trm4j.api;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One plan, several graphs: withGraph runs one of them; they share the device buffers of the arrays they share. */
class ExecutionPlanGraphsTest {
    static void addOne(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1.0f);
    }

    static void twice(FloatArray a, FloatArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) out.set(i, 2.0f * a.get(i));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "opencl:0:0"})
    void withGraphRunsOneGraphOnSharedBuffers(String id) {
        FloatArray a = FloatArray.fromElements(1, 2, 3), out = new FloatArray(3);
        TaskGraph inc = new TaskGraph("inc").transferToDevice(DataTransferMode.FIRST_EXECUTION, a).task("t", ExecutionPlanGraphsTest::addOne, a);
        TaskGraph dbl = new TaskGraph("dbl").task("t", ExecutionPlanGraphsTest::twice, a, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (ExecutionPlan p = new ExecutionPlan(inc.snapshot(), dbl.snapshot()).withDevice(Devices.get(id))) {
            p.withGraph(0).execute();
            p.withGraph(0).execute();            // a = 3, 4, 5 on the device (the host copy is stale but on java)
            if (!id.equals("java")) assertEquals(1f, a.get(0));
            p.withGraph(1).execute();            // reads the device's a: graph 1's first run does not re-upload it
            assertArrayEquals(new float[] {6, 8, 10}, out.toHeapArray());
            p.withAllGraphs().execute();         // both, in order
            assertArrayEquals(new float[] {8, 10, 12}, out.toHeapArray());
            assertThrows(IndexOutOfBoundsException.class, () -> p.withGraph(2));
        }
    }
}
