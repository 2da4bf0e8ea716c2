package org.trm4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * {@code @Reduce} loops in TornadoVM's style: sum, max and min on float, double, int and long, on every device,
 * with sizes that are no multiple of any work-group size, checked against the sequential Java loop. The
 * 4,194,304-ones sum is the case where an ignored {@code @Reduce} gave about half (racing threads) or 1.0.
 */
class ReductionProgramsTest {
    private static final Random RANDOM = new Random();
    private static final int[] SIZES = {1, 1000 + 37, 65536 + 11};

    @TestFactory
    List<DynamicTest> reductions() {
        List<DynamicTest> out = new ArrayList<>();
        for (TornadoDevice d : BridgeDevices.all()) {
            String on = " on " + BridgeDevices.id(d);
            out.add(DynamicTest.dynamicTest("float sum of 4194304 ones" + on, () -> sumOfOnes(d)));
            for (int n : SIZES) {
                out.add(DynamicTest.dynamicTest("float sum/max/min n=" + n + on, () -> floats(d, n)));
                out.add(DynamicTest.dynamicTest("double sum/max/min n=" + n + on, () -> doubles(d, n)));
                out.add(DynamicTest.dynamicTest("int sum/max/min n=" + n + on, () -> ints(d, n)));
                out.add(DynamicTest.dynamicTest("long sum/max/min n=" + n + on, () -> longs(d, n)));
            }
        }
        return out;
    }

    static void sumOfOnes(TornadoDevice device) {
        int n = 4_194_304;
        FloatArray input = new FloatArray(n);
        input.init(1f);
        FloatArray result = FloatArray.fromElements(0f);
        run(device, "ones", input, result, Kernels::sumFloat);
        assertEquals(4_194_304f, result.get(0), "sum of " + n + " ones");
    }

    interface Reduction<A> extends uk.ac.manchester.tornado.api.common.TornadoFunctions.Task2<A, A> {}

    private static <A> void run(TornadoDevice device, String name, A input, A result, Reduction<A> kernel) {
        TaskGraph tg = new TaskGraph(name)
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, input, result)
                .task("reduce", kernel, input, result)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, result);
        try (TornadoExecutionPlan plan = new TornadoExecutionPlan(tg.snapshot())) {
            plan.withDevice(device).execute();
        }
    }

    static void floats(TornadoDevice device, int n) {
        FloatArray in = new FloatArray(n);
        for (int i = 0; i < n; i++) in.set(i, RANDOM.nextFloat() * 2f - 1f);
        float sum = 0f, max = -Float.MAX_VALUE, min = Float.MAX_VALUE;
        for (int i = 0; i < n; i++) { sum += in.get(i); max = Math.max(max, in.get(i)); min = Math.min(min, in.get(i)); }
        FloatArray r = FloatArray.fromElements(0f);
        run(device, "fsum", in, r, Kernels::sumFloat);
        assertEquals(sum, r.get(0), 1e-4f * n, "float sum");
        r.set(0, -Float.MAX_VALUE);
        run(device, "fmax", in, r, Kernels::maxFloat);
        assertEquals(max, r.get(0), "float max");
        r.set(0, Float.MAX_VALUE);
        run(device, "fmin", in, r, Kernels::minFloat);
        assertEquals(min, r.get(0), "float min");
    }

    static void doubles(TornadoDevice device, int n) {
        DoubleArray in = new DoubleArray(n);
        for (int i = 0; i < n; i++) in.set(i, RANDOM.nextDouble() * 2 - 1);
        double sum = 0, max = -Double.MAX_VALUE, min = Double.MAX_VALUE;
        for (int i = 0; i < n; i++) { sum += in.get(i); max = Math.max(max, in.get(i)); min = Math.min(min, in.get(i)); }
        DoubleArray r = DoubleArray.fromElements(0);
        run(device, "dsum", in, r, Kernels::sumDouble);
        assertEquals(sum, r.get(0), 1e-9 * n, "double sum");
        r.set(0, -Double.MAX_VALUE);
        run(device, "dmax", in, r, Kernels::maxDouble);
        assertEquals(max, r.get(0), "double max");
        r.set(0, Double.MAX_VALUE);
        run(device, "dmin", in, r, Kernels::minDouble);
        assertEquals(min, r.get(0), "double min");
    }

    static void ints(TornadoDevice device, int n) {
        IntArray in = new IntArray(n);
        for (int i = 0; i < n; i++) in.set(i, RANDOM.nextInt(2001) - 1000);
        int sum = 0, max = Integer.MIN_VALUE, min = Integer.MAX_VALUE;
        for (int i = 0; i < n; i++) { sum += in.get(i); max = Math.max(max, in.get(i)); min = Math.min(min, in.get(i)); }
        IntArray r = IntArray.fromElements(0);
        run(device, "isum", in, r, Kernels::sumInt);
        assertEquals(sum, r.get(0), "int sum");
        r.set(0, Integer.MIN_VALUE);
        run(device, "imax", in, r, Kernels::maxInt);
        assertEquals(max, r.get(0), "int max");
        r.set(0, Integer.MAX_VALUE);
        run(device, "imin", in, r, Kernels::minInt);
        assertEquals(min, r.get(0), "int min");
    }

    static void longs(TornadoDevice device, int n) {
        LongArray in = new LongArray(n);
        for (int i = 0; i < n; i++) in.set(i, RANDOM.nextLong() >> 20);
        long sum = 0, max = Long.MIN_VALUE, min = Long.MAX_VALUE;
        for (int i = 0; i < n; i++) { sum += in.get(i); max = Math.max(max, in.get(i)); min = Math.min(min, in.get(i)); }
        LongArray r = LongArray.fromElements(0);
        run(device, "lsum", in, r, Kernels::sumLong);
        assertEquals(sum, r.get(0), "long sum");
        r.set(0, Long.MIN_VALUE);
        run(device, "lmax", in, r, Kernels::maxLong);
        assertEquals(max, r.get(0), "long max");
        r.set(0, Long.MAX_VALUE);
        run(device, "lmin", in, r, Kernels::minLong);
        assertEquals(min, r.get(0), "long min");
    }
}
