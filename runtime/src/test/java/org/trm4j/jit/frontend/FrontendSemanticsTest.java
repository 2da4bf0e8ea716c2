package org.trm4j.jit.frontend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trm4j.jit.frontend.IrQueries.kernel;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.lower.JavaSemantics;

/**
 * Runs the IR with {@link IrInterpreter} and compares with calling the Java method directly.
 * Grids are smaller than the loops' bounds so that the grid-stride lowering is exercised.
 * Results must match bit for bit: the IR has Java semantics.
 */
class FrontendSemanticsTest {
    private final Random rnd = new Random(42);

    private static final float[] SPECIAL = {Float.NaN, 0f, -0f, 1f, -1f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e9f, -1e9f, 3.5e7f};

    private FloatArray floats(int n, boolean specials) {
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++)
            a.set(i, specials && i < SPECIAL.length ? SPECIAL[i] : (rnd.nextFloat() - 0.5f) * 8f);
        return a;
    }

    private IntArray ints(int n, int bound) {
        IntArray a = new IntArray(n);
        for (int i = 0; i < n; i++) a.set(i, rnd.nextInt(bound));
        return a;
    }

    private static Object copy(Object o) {
        return switch (o) {
            case FloatArray f -> FloatArray.fromArray(f.toHeapArray());
            case IntArray f -> IntArray.fromArray(f.toHeapArray());
            case DoubleArray f -> DoubleArray.fromArray(f.toHeapArray());
            case ByteArray f -> ByteArray.fromArray(f.toHeapArray());
            default -> o;
        };
    }

    private static String dump(Object o) {
        return switch (o) {
            case FloatArray f -> Arrays.toString(f.toHeapArray());
            case IntArray f -> Arrays.toString(f.toHeapArray());
            case DoubleArray f -> Arrays.toString(f.toHeapArray());
            case ByteArray f -> Arrays.toString(f.toHeapArray());
            default -> String.valueOf(o);
        };
    }

    /** Runs {@code cls.name(args)} in Java and as IR on {@code grid}; every argument must end up equal. */
    private void check(Class<?> cls, String name, int[] grid, Object... args) throws Exception {
        Method m = kernel(cls, name);
        Object[] expected = Arrays.stream(args).map(FrontendSemanticsTest::copy).toArray();
        Object[] actual = Arrays.stream(args).map(FrontendSemanticsTest::copy).toArray();
        m.invoke(null, expected);
        Kernel k = KernelCompiler.compile(m);
        IrInterpreter.run(k, actual, grid);
        for (int i = 0; i < args.length; i++)
            assertEquals(dump(expected[i]), dump(actual[i]), name + ": argument " + i + " differs\n" + k);
        // JavaSemantics rewrites into IR that still means the same under Java's rules, for every target.
        for (var target : java.util.Map.of("OpenCL", JavaSemantics.OPENCL_C, "PTX", JavaSemantics.PTX, "SPIR-V", JavaSemantics.SPIRV).entrySet()) {
            Kernel lowered = JavaSemantics.lower(k, target.getKey(), target.getValue());
            Object[] again = Arrays.stream(args).map(FrontendSemanticsTest::copy).toArray();
            IrInterpreter.run(lowered, again, grid);
            for (int i = 0; i < args.length; i++)
                assertEquals(dump(expected[i]), dump(again[i]), name + " lowered for " + target.getKey() + ": argument " + i + " differs\n" + lowered);
        }
    }

    private void check(String name, int[] grid, Object... args) throws Exception { check(TestKernels.class, name, grid, args); }

    private static int[] grid(int... g) { return g; }

    @Test void parallelLoops() throws Exception {
        check("vectorAdd", grid(5), floats(37, false), floats(37, false), new FloatArray(37));
        check("scaleN", grid(3), floats(25, true), 20, 1.5f);
        check("constantBound", grid(7), new IntArray(64));
        check("matmul", grid(2, 3), floats(25, false), floats(25, false), new FloatArray(25), 5);
        check("grid3", grid(2, 2, 1), new IntArray(3 * 2 * 2), 3, 2, 2);
        check(MoreKernels.Nested.class, "twice", grid(4), ints(10, 1000));
    }

    @Test void ternariesAndNaNCompares() throws Exception {
        check("relu", grid(4), floats(30, true), new FloatArray(30));
        check("nanCompares", grid(3), floats(20, true), new IntArray(20));
    }

    @Test void controlFlow() throws Exception {
        for (int n : new int[]{0, 1, 5, 12}) {
            check("labelled", grid(1), new IntArray(12), n);
            check("whileDo", grid(1), new IntArray(1), n);
            check("longCount", grid(1), new IntArray(3), n);
        }
        IntArray keys = IntArray.fromElements(0, 1, 2, 3, 100, -5, 2, 1000);
        check("withSwitch", grid(3), keys, new IntArray(8));
        check("slotReuse", grid(1), floats(4, false), floats(4, false), true);
        check("slotReuse", grid(1), floats(4, false), floats(4, false), false);
        check("increments", grid(1), new IntArray(1));
        check("dups", grid(1), new IntArray(2), 77L);
    }

    @Test void arithmeticCastsAndMaths() throws Exception {
        DoubleArray d = new DoubleArray(16);
        for (int i = 0; i < 16; i++) d.set(i, (rnd.nextDouble() - 0.5) * 1e6);
        check("doubleAndLong", grid(3), d, new IntArray(16), 123456789012L);
        FloatArray c = floats(24, true);
        c.set(12, 40000.3f);
        c.set(13, -70000.9f);
        check("casts", grid(5), c, new IntArray(24));
        check("maths", grid(4), floats(20, true), new FloatArray(20));
        check("withCalls", grid(3), floats(13, false), new FloatArray(10));
        ByteArray b = new ByteArray(9);
        for (int i = 0; i < 9; i++) b.set(i, (byte) (i * 37 - 128));
        check("bytes", grid(2), b, new ByteArray(9));
    }
}
