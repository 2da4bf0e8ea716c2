package org.trm4j.jit.frontend;

import org.junit.jupiter.api.Test;
import org.trm4j.api.Devices;
import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.ParallelDim;
import org.trm4j.jit.ir.ParallelDim.Bound;
import org.trm4j.runtime.LaunchGeometry;

import java.lang.reflect.Method;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Grid sizes come from the loops' bounds, expressions included, and the innermost loop takes dimension x. */
class ParallelBoundsTest {

    public static void product(FloatArray y, int rows, int out) {
        for (@Parallel int i = 0; i < rows * out; i++) y.set(i, 1f);
    }

    public static void halves(FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize() / 2 - 1; i++) y.set(i, 1f);
    }

    public static void inclusive(FloatArray y, int n) {
        for (@Parallel int i = 0; i <= n; i++) y.set(i, 1f);
    }

    /** Row-major: c is the unit-stride index and must be x. */
    public static void rowsByCols(FloatArray y, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++)
            for (@Parallel int c = 0; c < cols; c++) y.set(r * cols + c, 1f);
    }

    private static Kernel compile(String name) {
        for (Method m : ParallelBoundsTest.class.getDeclaredMethods()) if (m.getName().equals(name)) return KernelCompiler.compileUncached(m);
        throw new IllegalArgumentException(name);
    }

    private static long[] global(String name, Object... args) {
        return LaunchGeometry.of(compile(name), args, null, "g.t", Devices.get("java")).global();
    }

    @Test void expressionBoundsAreEvaluatedOnTheArguments() {
        assertEquals(List.of(new ParallelDim(0, new Bound.Arith('*', new Bound.ScalarArg(1), new Bound.ScalarArg(2)))), compile("product").parallelDims);
        assertArrayEquals(new long[]{776 * 1536}, global("product", new FloatArray(1), 776, 1536));
        assertArrayEquals(new long[]{49}, global("halves", new FloatArray(100)));
        assertArrayEquals(new long[]{11}, global("inclusive", new FloatArray(1), 10));
    }

    @Test void theInnermostLoopIsDimensionX() {
        assertEquals(List.of(new ParallelDim(0, new Bound.ScalarArg(2)), new ParallelDim(1, new Bound.ScalarArg(1))),
                compile("rowsByCols").parallelDims.stream().sorted(java.util.Comparator.comparingInt(ParallelDim::dim)).toList());
        assertArrayEquals(new long[]{512, 97}, global("rowsByCols", new FloatArray(1), 97, 512));
    }
}
