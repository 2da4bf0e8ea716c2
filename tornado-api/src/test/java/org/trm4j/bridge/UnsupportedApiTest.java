package org.trm4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoAPIException;
import uk.ac.manchester.tornado.api.types.HalfFloat;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray;
import uk.ac.manchester.tornado.api.types.matrix.Matrix3DFloat;
import uk.ac.manchester.tornado.api.types.collections.VectorFloat4;
import uk.ac.manchester.tornado.api.types.matrix.Matrix2DFloat;
import uk.ac.manchester.tornado.api.types.vectors.Float4;

/**
 * What the bridge does not run in kernels fails before anything runs, with a message naming the class; the host-side
 * types still work on the host (and their flat storage works in kernels).
 */
class UnsupportedApiTest {

    static void matrix3DKernel(Matrix3DFloat m, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) out.set(i, m.get(i, 0, 0));
    }

    /** Vectors are values in kernels: mutating one is refused, naming the method. */
    static void vectorKernel(VectorFloat4 v, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            Float4 x = v.get(i);
            x.setX(1f);
            out.set(i, x.getX());
        }
    }

    static void scaleFlat(FloatArray m, FloatArray out, int columns) {
        for (@Parallel int i = 0; i < out.getSize(); i++) out.set(i, m.get(i * columns) * 2f);
    }

    @Test
    void transferringAMatrix3DFloatNamesIt() {
        Matrix3DFloat h = new Matrix3DFloat(2, 2, 2);
        TornadoAPIException e = assertThrows(TornadoAPIException.class,
                () -> new TaskGraph("h").transferToDevice(DataTransferMode.FIRST_EXECUTION, h));
        assertTrue(e.getMessage().contains("uk.ac.manchester.tornado.api.types.matrix.Matrix3DFloat"), e.getMessage());
    }

    @TestFactory
    List<DynamicTest> kernelsOnHostOnlyTypesFailNamingThemOnDevices() {
        List<DynamicTest> out = new ArrayList<>();
        for (TornadoDevice d : BridgeDevices.all()) {
            if (d.trm4jDevice().type() == org.trm4j.api.DeviceType.JVM) continue; // the JVM devices run any Java (vector: as its own bytecode): there these kernels simply work
            out.add(DynamicTest.dynamicTest("Matrix3DFloat on " + BridgeDevices.id(d), () -> {
                Matrix3DFloat h = new Matrix3DFloat(8, 1, 1);
                FloatArray o = new FloatArray(8);
                expectNamed(d, "Matrix3DFloat", new TaskGraph("t").task("k", UnsupportedApiTest::matrix3DKernel, h, o));
            }));
            out.add(DynamicTest.dynamicTest("Float4.setX on " + BridgeDevices.id(d), () -> {
                VectorFloat4 v = new VectorFloat4(4);
                FloatArray o = new FloatArray(4);
                expectNamed(d, "Float4.setX", new TaskGraph("t").task("k", UnsupportedApiTest::vectorKernel, v, o));
            }));
        }
        return out;
    }

    private static void expectNamed(TornadoDevice d, String name, TaskGraph g) {
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> plan.withDevice(d).execute());
            String all = messages(e);
            assertTrue(all.contains(name), "error should name " + name + ": " + all);
        }
    }

    private static String messages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (; t != null; t = t.getCause()) sb.append(t.getMessage()).append(" | ");
        return sb.toString();
    }

    @Test
    void hostSideTypesWork() {
        HalfFloatArray h = new HalfFloatArray(3);
        h.set(0, new HalfFloat(1.5f));
        h.set(1, HalfFloat.add(new HalfFloat(0.25f), new HalfFloat(0.5f)));
        assertEquals(1.5f, h.get(0).getFloat32());
        assertEquals(0.75f, h.get(1).getFloat32());
        assertEquals(65504f, new HalfFloat(65504f).getFloat32(), "largest half");

        Float4 a = new Float4(1, 2, 3, 4), b = new Float4(4, 3, 2, 1);
        assertEquals(new Float4(5, 5, 5, 5), Float4.add(a, b));
        assertEquals(20f, Float4.dot(a, b));
        VectorFloat4 vs = new VectorFloat4(2);
        vs.set(1, a);
        assertEquals(a, vs.get(1));
        assertEquals(8, vs.getArray().getSize());

        Matrix2DFloat m = new Matrix2DFloat(new float[][] {{1, 2}, {3, 4}});
        assertEquals(3f, m.get(1, 0));
        assertEquals(2, m.N());
    }

    @TestFactory
    List<DynamicTest> matrixStorageWorksInKernelsOnEveryDevice() {
        List<DynamicTest> out = new ArrayList<>();
        for (TornadoDevice d : BridgeDevices.all()) {
            out.add(DynamicTest.dynamicTest("Matrix2DFloat.getFlattenedArray on " + BridgeDevices.id(d), () -> {
                Matrix2DFloat m = new Matrix2DFloat(5, 3);
                for (int i = 0; i < 5; i++) for (int j = 0; j < 3; j++) m.set(i, j, i * 10 + j);
                FloatArray o = new FloatArray(5);
                TaskGraph g = new TaskGraph("mx").transferToDevice(DataTransferMode.FIRST_EXECUTION, m.getFlattenedArray())
                        .task("col0", UnsupportedApiTest::scaleFlat, m.getFlattenedArray(), o, m.getNumColumns())
                        .transferToHost(DataTransferMode.EVERY_EXECUTION, o);
                try (TornadoExecutionPlan plan = new TornadoExecutionPlan(g.snapshot())) {
                    plan.withDevice(d).execute();
                }
                for (int i = 0; i < 5; i++) assertEquals(2f * m.get(i, 0), o.get(i), "row " + i);
            }));
        }
        return out;
    }
}
