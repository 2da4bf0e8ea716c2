package org.trm4j.jit.lower;

import org.junit.jupiter.api.Test;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;
import org.trm4j.api.TaskGraph;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.DeviceIr;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Relaxed maths: which multiply-adds are fused, and that a fused one computes exactly Math.fma on every compiling device. */
class ContractMultiplyAddTest {

    public static void mulAdd(FloatArray a, FloatArray b, FloatArray c, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) y.set(i, a.get(i) * b.get(i) + c.get(i));
    }

    public static void mulSub(FloatArray a, FloatArray b, FloatArray c, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) y.set(i, a.get(i) * b.get(i) - c.get(i));
    }

    public static void subMul(FloatArray a, FloatArray b, FloatArray c, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) y.set(i, c.get(i) - a.get(i) * b.get(i));
    }

    /** The product is read twice: fusing would change the second read, so it stays a multiply. */
    public static void productUsedTwice(FloatArray a, FloatArray b, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) {
            float p = a.get(i) * b.get(i);
            y.set(i, p + p * 0.5f);
        }
    }

    /** A dot product: the accumulation is where a matmul spends its time. */
    public static void rowDots(FloatArray a, FloatArray b, FloatArray y, int n) {
        for (@Parallel int r = 0; r < y.getSize(); r++) {
            float acc = 0f;
            for (int k = 0; k < n; k++) acc += a.get(r * n + k) * b.get(k);
            y.set(r, acc);
        }
    }

    private static Method kernel(String name) {
        for (Method m : ContractMultiplyAddTest.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new IllegalArgumentException(name);
    }

    private static long count(Kernel k, java.util.function.Predicate<Instr> p) {
        return k.blocks.stream().flatMap(b -> b.instrs.stream()).filter(p).count();
    }

    private static long fmas(Kernel k) { return count(k, i -> i instanceof Instr.Call c && c.fn() == Op.Intrinsic.FMA); }

    private static long floatMuls(Kernel k) {
        return count(k, i -> i instanceof Instr.Binary b && b.op() == Op.Binary.MUL && b.dst().type().isFloating());
    }

    @Test void fusesEachFormOnlyWhenRelaxed() {
        for (String name : List.of("mulAdd", "mulSub", "subMul", "rowDots")) {
            Kernel strict = DeviceIr.of(kernel(name), CompileOptions.STRICT), relaxed = DeviceIr.of(kernel(name), CompileOptions.RELAXED);
            assertEquals(0, fmas(strict), name);
            assertEquals(1, fmas(relaxed), name + ":\n" + relaxed);
            assertEquals(floatMuls(strict) - 1, floatMuls(relaxed), name);
        }
        Kernel twice = DeviceIr.of(kernel("productUsedTwice"), CompileOptions.RELAXED);
        assertEquals(1, fmas(twice), "p * 0.5 + p fuses; p itself is read twice and stays:\n" + twice);
    }

    @Test void theStrictIrOfTheFrontEndIsNotChanged() {
        Kernel before = DeviceIr.of(kernel("mulAdd"), CompileOptions.STRICT);
        DeviceIr.of(kernel("mulAdd"), CompileOptions.RELAXED);
        assertEquals(0, fmas(DeviceIr.of(kernel("mulAdd"), CompileOptions.STRICT)));
        assertEquals(before.toString(), DeviceIr.of(kernel("mulAdd"), CompileOptions.STRICT).toString());
    }

    @Test void relaxedIsExactlyMathFmaAndStrictExactlyJavaOnEveryDevice() {
        int n = 4096;
        Random rnd = new Random(3);
        FloatArray a = new FloatArray(n), b = new FloatArray(n), c = new FloatArray(n);
        for (int i = 0; i < n; i++) {
            a.set(i, (float) rnd.nextGaussian());
            b.set(i, (float) rnd.nextGaussian());
            c.set(i, (float) rnd.nextGaussian());
        }
        boolean sawDifference = false;
        for (Device d : Devices.list()) {
            for (boolean relaxed : new boolean[]{false, true}) {
                FloatArray y = new FloatArray(n);
                try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("t", ContractMultiplyAddTest::mulSub, a, b, c, y)
                        .transferToHost(org.trm4j.api.DataTransferMode.EVERY_EXECUTION, y).snapshot()).withDevice(d)) {
                    if (relaxed) p.withRelaxedMath();
                    p.execute();
                }
                boolean fused = relaxed && !d.backend().equals("java");
                for (int i = 0; i < n; i++) {
                    float expect = fused ? Math.fma(a.get(i), b.get(i), -c.get(i)) : a.get(i) * b.get(i) - c.get(i);
                    assertEquals(Float.floatToIntBits(expect), Float.floatToIntBits(y.get(i)), d.id() + (relaxed ? " relaxed" : " strict") + " at " + i);
                    if (fused && expect != a.get(i) * b.get(i) - c.get(i)) sawDifference = true;
                }
            }
        }
        assertTrue(sawDifference || Devices.list().stream().allMatch(d -> d.backend().equals("java")),
                "on random data some fused results must differ from the two-rounding ones, or the test proves nothing");
        assertFalse(n == 0);
    }
}
