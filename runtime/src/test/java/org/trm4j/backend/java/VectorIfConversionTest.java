package org.trm4j.backend.java;

import org.junit.jupiter.api.Test;
import org.trm4j.api.*;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.DeviceRuntime;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Loops whose bodies branch (ternaries, ifs, {@code ||} and {@code &&}) on the vector device, if-converted: bit for
 * bit against java in strict maths with NaN, signed zeros and infinities among the inputs, and which of them got
 * vector steps (from the kernel's {@code code()}); a store or a load under an if keeps its loop scalar, as does a
 * value carried from one iteration to the next.
 */
class VectorIfConversionTest {

    /** A copy of kernels' Optimizers.atan2 (the runtime's tests cannot see that module): all ternaries, some with || and &&. */
    static float atan2(float y, float x) {
        float ax = Math.abs(x), ay = Math.abs(y);
        float mx = Math.max(ax, ay), mn = Math.min(ax, ay);
        float t = mx == 0.0f ? 0.0f : (mn == mx ? 1.0f : mn / mx);
        boolean high = t > 0.41421357f;
        float z = high ? (t - 1.0f) / (t + 1.0f) : t;
        float z2 = z * z;
        float r = (((8.05374449538e-2f * z2 - 1.38776856032e-1f) * z2 + 1.99777106478e-1f) * z2 - 3.33329491539e-1f) * z2 * z + z;
        r = high ? r + 0.78539819f : r;
        r = ay > ax ? 1.5707964f - r : r;
        r = x < 0.0f || (x == 0.0f && 1.0f / x < 0.0f) ? 3.1415927f - r : r;
        return y < 0.0f || (y == 0.0f && 1.0f / y < 0.0f) ? -r : r;
    }

    static void atan2Row(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) out.set(j, atan2(y.get(j), x.get(j)));
    }

    /** A ternary on a per-lane condition. */
    static void ternary(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) {
                float a = x.get(j);
                out.set(j, a < 0 ? -a : a * 2f);
            }
    }

    /** Nested ternaries, with the NaN tests a != a and a <= b (false on NaN) and a >= b negated. */
    static void nested(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) {
                float a = x.get(j), b = y.get(j);
                out.set(j, a < b ? (a <= 0 ? b : a) : (b != b ? 1f : !(a >= b) ? 2f : (a == b && b > 1 ? a - b : b * 0.5f)));
            }
    }

    /** An if that assigns, on some paths only, a value defined before it. */
    static void ifOnOnePath(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) {
                float a = x.get(j), b = y.get(j);
                float r = a * 0.5f;
                if (a > 1f || Float.isNaN(b)) r = 1f;
                else if (a <= -1f && b > a) r = -a + b;
                out.set(j, r - b);
            }
    }

    /** A store under an if: not every lane stores, the loop stays scalar. */
    static void storeInIf(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) {
                float a = x.get(j);
                if (a > y.get(j)) out.set(j, a);
            }
    }

    /** A running maximum: m is carried from one iteration to the next, the loop stays scalar. */
    static void runningMax(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++) {
            float m = 0;
            for (int j = 0; j < n; j++) {
                float a = x.get(j);
                if (a > m) m = a;
                out.set(j, m);
            }
        }
    }

    /** A break: an edge out of the loop other than through its header, the loop stays scalar. */
    static void untilNaN(FloatArray y, FloatArray x, FloatArray out, int n) {
        for (@Parallel int t = 0; t < 1; t++)
            for (int j = 0; j < n; j++) {
                float a = x.get(j);
                if (a != a) break;
                out.set(j, a < 0 ? a * y.get(0) : a);
            }
    }

    /** A graph of one task running a row kernel above on (y, x, out, n). */
    private interface Row { TaskGraph graph(FloatArray y, FloatArray x, FloatArray out, int n); }

    private static final float[] SPECIAL = {Float.NaN, 0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, -1f,
            0.41421357f, 2f, -2f, Float.MIN_VALUE, -Float.MAX_VALUE, 1e-30f, 3e30f};

    /** Special values in every pairing for the first SPECIAL.length^2 elements, random ones after them. */
    private static FloatArray[] inputs(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        FloatArray y = new FloatArray(Math.max(1, n)), x = new FloatArray(Math.max(1, n));
        for (int i = 0; i < y.getSize(); i++) {
            int s = SPECIAL.length;
            boolean special = i < s * s;
            y.set(i, special ? SPECIAL[i / s] : r.nextFloat() * 6 - 3);
            x.set(i, special ? SPECIAL[i % s] : (i % 7 == 0 ? y.get(i) : r.nextFloat() * 6 - 3));
        }
        return new FloatArray[]{y, x};
    }

    private static void execute(String device, TaskGraph g) {
        try (ExecutionPlan p = new ExecutionPlan(g.snapshot()).withDevice(Devices.get(device))) {
            p.execute();
        }
    }

    private static String code(String method) throws Exception {
        DeviceRuntime d = (DeviceRuntime) Devices.get("vector");
        return d.compile(VectorIfConversionTest.class.getDeclaredMethod(method, FloatArray.class, FloatArray.class, FloatArray.class, int.class),
                CompileOptions.STRICT).code();
    }

    /** The row on java and on vector, strict maths, for several lengths (tails included): bit for bit. */
    private static void assertBitIdentical(String name, Row row) {
        for (int n : new int[]{0, 1, 17, 100, 250, 1000}) {
            FloatArray[] in = inputs(n, n);
            FloatArray onJava = new FloatArray(in[0].getSize()), onVector = new FloatArray(in[0].getSize());
            for (int i = 0; i < onJava.getSize(); i++) { onJava.set(i, -7f); onVector.set(i, -7f); }
            Function<FloatArray, TaskGraph> g = out -> row.graph(in[0], in[1], out, n);
            execute("java", g.apply(onJava));
            execute("vector", g.apply(onVector));
            assertArrayEquals(onJava.toHeapArray(), onVector.toHeapArray(), name + " n=" + n);
        }
    }

    private static void assertVectorised(String method) throws Exception {
        String c = code(method);
        assertTrue(c.contains("vector steps"), c);
    }

    @Test void atan2OfTernariesWithOrAndAndRunsOnVectorsBitForBit() throws Exception {
        assertVectorised("atan2Row");
        assertBitIdentical("atan2Row", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::atan2Row, y, x, out, n));
        FloatArray[] in = inputs(200, 3);
        for (int i = 0; i < 200; i++) // the copy is Optimizers.atan2's: Math.atan2's special values
            if (Float.isNaN(in[0].get(i)) || Float.isNaN(in[1].get(i))) assertTrue(Float.isNaN(atan2(in[0].get(i), in[1].get(i))));
        assertEquals(Float.floatToIntBits(-0f), Float.floatToIntBits(atan2(-0f, 0f)));
        assertEquals((float) Math.PI, atan2(0f, -0f));
    }

    @Test void aTernaryOnAPerLaneCondition() throws Exception {
        assertVectorised("ternary");
        assertBitIdentical("ternary", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::ternary, y, x, out, n));
    }

    @Test void nestedTernariesKeepJavasNaNRules() throws Exception {
        assertVectorised("nested");
        assertBitIdentical("nested", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::nested, y, x, out, n));
    }

    @Test void anIfAssigningOnSomePathsOnly() throws Exception {
        assertVectorised("ifOnOnePath");
        assertBitIdentical("ifOnOnePath", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::ifOnOnePath, y, x, out, n));
    }

    @Test void aStoreUnderAnIfStaysScalar() throws Exception {
        String c = code("storeInIf");
        assertTrue(!c.contains("vector steps") && c.contains("scalar:") && c.contains("a store to out"), c);
        assertBitIdentical("storeInIf", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::storeInIf, y, x, out, n));
    }

    @Test void aValueCarriedAcrossIterationsStaysScalar() throws Exception {
        String c = code("runningMax");
        assertTrue(!c.contains("vector steps") && c.contains("carried"), c);
        assertBitIdentical("runningMax", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::runningMax, y, x, out, n));
    }

    @Test void aBreakStaysScalar() throws Exception {
        String c = code("untilNaN");
        assertTrue(!c.contains("vector steps") && c.contains("a break"), c);
        assertBitIdentical("untilNaN", (y, x, out, n) -> new TaskGraph("g").task("t", VectorIfConversionTest::untilNaN, y, x, out, n));
    }
}
