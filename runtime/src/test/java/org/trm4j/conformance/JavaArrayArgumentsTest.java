package org.trm4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.ExecutionResult;
import org.trm4j.api.Parallel;
import org.trm4j.api.TaskGraph;

/**
 * Java primitive arrays as kernel parameters ({@code float[]}, {@code int[]}, {@code double[]}, {@code long[]},
 * {@code byte[]}) with {@code .length}, transferred like the native arrays, on every device, against plain Java.
 */
class JavaArrayArgumentsTest {
    private static final Random RANDOM = new Random();

    public static void saxpy(float alpha, float[] x, float[] y) {
        for (@Parallel int i = 0; i < y.length; i++) y[i] = alpha * x[i] + y[i];
    }

    public static void mixed(int[] a, double[] b, long[] c, byte[] d, double[] out) {
        for (@Parallel int i = 0; i < out.length; i++) out[i] = a[i] * b[i] + c[i] - d[i] + a.length;
    }

    public static void shortsAndChars(short[] s, char[] c, int[] out, short[] s2, char[] c2) {
        for (@Parallel int i = 0; i < out.length; i++) {
            out[i] = s[i] * 7 + c[i];
            s2[i] = (short) (s[i] + c[i]);
            c2[i] = (char) (c[i] - s[i]);
        }
    }

    @TestFactory
    List<DynamicTest> primitiveArraysOnEveryDevice() {
        List<Device> devices = Devices.list();
        List<String> missing = RequiredBackends.missing(devices);
        assertTrue(missing.isEmpty(), () -> RequiredBackends.explain(missing, devices));
        List<DynamicTest> out = new ArrayList<>();
        for (Device d : devices) {
            out.add(DynamicTest.dynamicTest("saxpy on float[] twice on " + d.id(), () -> saxpyTwice(d)));
            out.add(DynamicTest.dynamicTest("int[], double[], long[], byte[] on " + d.id(), () -> mixedTypes(d)));
            out.add(DynamicTest.dynamicTest("short[], char[] on " + d.id(), () -> shortAndCharTypes(d)));
        }
        return out;
    }

    private static void saxpyTwice(Device device) {
        int n = 3001;
        float[] x = new float[n], y = new float[n], expected = new float[n];
        for (int i = 0; i < n; i++) { x[i] = RANDOM.nextFloat(); y[i] = RANDOM.nextFloat(); }
        for (int i = 0; i < n; i++) expected[i] = 2f * x[i] + (2f * x[i] + y[i]);
        TaskGraph g = new TaskGraph("s").transferToDevice(DataTransferMode.FIRST_EXECUTION, x, y)
                .task("saxpy", JavaArrayArgumentsTest::saxpy, 2f, x, y)
                .transferToHost(DataTransferMode.UNDER_DEMAND, y);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            plan.execute();
            ExecutionResult r = plan.execute();  // y stays on the device between executions
            r.transferToHost(y);
        }
        assertArrayEquals(expected, y, 0f);
    }

    private static void shortAndCharTypes(Device device) {
        int n = 513;
        short[] s = new short[n], s2 = new short[n];
        char[] c = new char[n], c2 = new char[n];
        int[] out = new int[n];
        for (int i = 0; i < n; i++) { s[i] = (short) RANDOM.nextInt(); c[i] = (char) RANDOM.nextInt(); }
        TaskGraph g = new TaskGraph("sc").transferToDevice(DataTransferMode.EVERY_EXECUTION, s, c)
                .task("k", JavaArrayArgumentsTest::shortsAndChars, s, c, out, s2, c2)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out, s2, c2);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            plan.execute();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(s[i] * 7 + c[i], out[i], "out[" + i + "]");
            assertEquals((short) (s[i] + c[i]), s2[i], "s2[" + i + "]");
            assertEquals((char) (c[i] - s[i]), c2[i], "c2[" + i + "]");
        }
    }

    private static void mixedTypes(Device device) {
        int n = 777;
        int[] a = new int[n];
        double[] b = new double[n], out = new double[n];
        long[] c = new long[n];
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) { a[i] = RANDOM.nextInt(1000); b[i] = RANDOM.nextDouble(); c[i] = RANDOM.nextLong() >> 30; d[i] = (byte) RANDOM.nextInt(); }
        TaskGraph g = new TaskGraph("m").transferToDevice(DataTransferMode.EVERY_EXECUTION, a, b, c, d)
                .task("mixed", JavaArrayArgumentsTest::mixed, a, b, c, d, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, out);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device)) {
            plan.execute();
        }
        for (int i = 0; i < n; i++) assertEquals(a[i] * b[i] + c[i] - d[i] + n, out[i], "out[" + i + "]");
    }
}
