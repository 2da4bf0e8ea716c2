package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Test;
import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;
import org.trm4j.jit.opencl.TestIr;

import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Java semantics the renderer emulates, checked on every OpenCL device against Java itself:
 * edge cases (MIN_VALUE / -1, NaN, -0.0, saturation, shift counts) that a plain C translation gets wrong.
 */
class OpenClJavaSemanticsTest {
    private static final int[] INTS = {0, 1, -1, 2, -2, 7, -7, 31, 32, 33, 63, 64, 65, 100, -100, 12345, -98765,
            Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 1, Integer.MIN_VALUE + 1, 1 << 30};
    private static final float[] FLOATS = {0f, -0f, 1f, -1f, 0.5f, -2.5f, 2.9f, -2.9f, 1e10f, -1e10f, 3e9f, -3e9f,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            16777217f, 0.1f, 1e-40f};
    private static final double[] DOUBLES = {0, -0.0, 1, -1, 0.5, -2.5, 2.9, -2.9, 1e10, -1e10, 1e19, -1e19, 1e300,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0.1};

    /** Every (x, y) pair of {@code values}, as two int arrays. */
    private static IntArray[] intPairs() {
        int n = INTS.length * INTS.length;
        IntArray a = new IntArray(n), b = new IntArray(n);
        for (int i = 0; i < INTS.length; i++)
            for (int j = 0; j < INTS.length; j++) { a.set(i * INTS.length + j, INTS[i]); b.set(i * INTS.length + j, INTS[j]); }
        return new IntArray[]{a, b};
    }

    private static FloatArray[] floatPairs() {
        int n = FLOATS.length * FLOATS.length;
        FloatArray a = new FloatArray(n), b = new FloatArray(n);
        for (int i = 0; i < FLOATS.length; i++)
            for (int j = 0; j < FLOATS.length; j++) { a.set(i * FLOATS.length + j, FLOATS[i]); b.set(i * FLOATS.length + j, FLOATS[j]); }
        return new FloatArray[]{a, b};
    }

    private static void checkInt(String what, Kernel k, IntBinaryOperator java) {
        IntArray[] p = intPairs();
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            IntArray out = new IntArray(p[0].getSize());
            OpenClTestSupport.run(d, k, p[0], p[1], out);
            for (int i = 0; i < out.getSize(); i++) {
                int x = p[0].get(i), y = p[1].get(i);
                if (y == 0 && (what.equals("/") || what.equals("%"))) continue; // Java throws; the device gives 0
                assertEquals(java.applyAsInt(x, y), out.get(i), x + " " + what + " " + y + " on " + d.id());
            }
        }
    }

    @Test void intDivisionAndRemainder() {
        checkInt("/", TestIr.binary("div", Type.INT, Op.Binary.DIV), (x, y) -> x / y);
        checkInt("%", TestIr.binary("rem", Type.INT, Op.Binary.REM), (x, y) -> x % y);
    }

    @Test void intArithmeticWraps() {
        checkInt("+", TestIr.binary("add", Type.INT, Op.Binary.ADD), Integer::sum);
        checkInt("-", TestIr.binary("sub", Type.INT, Op.Binary.SUB), (x, y) -> x - y);
        checkInt("*", TestIr.binary("mul", Type.INT, Op.Binary.MUL), (x, y) -> x * y);
    }

    @Test void intShiftsMaskTheCount() {
        checkInt("<<", TestIr.binary("shl", Type.INT, Op.Binary.SHL), (x, y) -> x << y);
        checkInt(">>", TestIr.binary("shr", Type.INT, Op.Binary.SHR), (x, y) -> x >> y);
        checkInt(">>>", TestIr.binary("ushr", Type.INT, Op.Binary.USHR), (x, y) -> x >>> y);
    }

    @Test void intMinMaxAbs() {
        checkInt("min", TestIr.call("imin", Type.INT, Type.INT, Op.Intrinsic.MIN), Math::min);
        checkInt("max", TestIr.call("imax", Type.INT, Type.INT, Op.Intrinsic.MAX), Math::max);
        checkInt("abs", TestIr.call("iabs", Type.INT, Type.INT, Op.Intrinsic.ABS), (x, y) -> Math.abs(x));
    }

    @Test void longDivisionMultiplicationAndShifts() {
        long[] vals = {0, 1, -1, 7, -7, 63, 64, 65, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, 1L << 40};
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            // There is no LongArray: longs travel as doubles (converted in the kernel, the same way on both sides).
            for (Op.Binary op : new Op.Binary[]{Op.Binary.DIV, Op.Binary.REM, Op.Binary.MUL, Op.Binary.SHL, Op.Binary.SHR, Op.Binary.USHR}) {
                Kernel k = TestIr.map2("l" + op, Type.DOUBLE, Type.DOUBLE, Type.DOUBLE, (kk, blk, x, y) -> {
                    // a and b carry longs as raw double bits; so does out.
                    Value.Reg lx = kk.newReg(Type.LONG, "lx"), ly = kk.newReg(Type.LONG, "ly"), r = kk.newReg(Type.LONG, "r");
                    Value.Reg cnt = kk.newReg(Type.INT, "cnt"), res = kk.newReg(Type.DOUBLE, "res");
                    blk.instrs.add(new Instr.Convert(lx, x));
                    blk.instrs.add(new Instr.Convert(ly, y));
                    if (op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR) {
                        blk.instrs.add(new Instr.Convert(cnt, ly));
                        blk.instrs.add(new Instr.Binary(r, op, lx, cnt));
                    } else {
                        blk.instrs.add(new Instr.Binary(r, op, lx, ly));
                    }
                    blk.instrs.add(new Instr.Convert(res, r));
                    return res;
                });
                int n = vals.length * vals.length;
                DoubleArray a = new DoubleArray(n), b = new DoubleArray(n), out = new DoubleArray(n);
                for (int i = 0; i < vals.length; i++)
                    for (int j = 0; j < vals.length; j++) { a.set(i * vals.length + j, vals[i]); b.set(i * vals.length + j, vals[j]); }
                OpenClTestSupport.run(d, k, a, b, out);
                for (int i = 0; i < n; i++) {
                    long x = (long) a.get(i), y = (long) b.get(i);
                    if (y == 0 && (op == Op.Binary.DIV || op == Op.Binary.REM)) continue;
                    long expect = switch (op) {
                        case DIV -> x / y; case REM -> x % y; case MUL -> x * y;
                        case SHL -> x << (int) y; case SHR -> x >> (int) y; case USHR -> x >>> (int) y;
                        default -> throw new AssertionError();
                    };
                    assertEquals((double) expect, out.get(i), x + " " + op + " " + y + " on " + d.id());
                }
            }
        }
    }

    private static void checkFloat(String what, Kernel k, DoubleBinaryOperator java) {
        FloatArray[] p = floatPairs();
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray out = new FloatArray(p[0].getSize());
            OpenClTestSupport.run(d, k, p[0], p[1], out);
            for (int i = 0; i < out.getSize(); i++) {
                float x = p[0].get(i), y = p[1].get(i);
                float expect = (float) java.applyAsDouble(x, y);
                assertEquals(Float.floatToIntBits(expect), Float.floatToIntBits(out.get(i)),
                        what + "(" + x + ", " + y + ") = " + expect + ", device " + d.id() + " gave " + out.get(i));
            }
        }
    }

    @Test void floatMinMaxWithNanAndSignedZero() {
        checkFloat("min", TestIr.call("fmin", Type.FLOAT, Type.FLOAT, Op.Intrinsic.MIN), (x, y) -> Math.min((float) x, (float) y));
        checkFloat("max", TestIr.call("fmax", Type.FLOAT, Type.FLOAT, Op.Intrinsic.MAX), (x, y) -> Math.max((float) x, (float) y));
        checkFloat("abs", TestIr.call("fabs", Type.FLOAT, Type.FLOAT, Op.Intrinsic.ABS), (x, y) -> Math.abs((float) x));
    }

    @Test void floatArithmeticIsIeeeExact() {
        checkFloat("+", TestIr.binary("fadd", Type.FLOAT, Op.Binary.ADD), (x, y) -> (float) x + (float) y);
        checkFloat("*", TestIr.binary("fmul", Type.FLOAT, Op.Binary.MUL), (x, y) -> (float) x * (float) y);
        checkFloat("/", TestIr.binary("fdiv", Type.FLOAT, Op.Binary.DIV), (x, y) -> (float) x / (float) y);
        checkFloat("%", TestIr.binary("frem", Type.FLOAT, Op.Binary.REM), (x, y) -> (float) x % (float) y);
        checkFloat("sqrt", TestIr.call("fsqrt", Type.FLOAT, Type.FLOAT, Op.Intrinsic.SQRT), (x, y) -> (float) Math.sqrt((float) x));
        checkFloat("fma", TestIr.call("ffma", Type.FLOAT, Type.FLOAT, Op.Intrinsic.FMA), (x, y) -> Math.fma((float) x, (float) y, (float) y));
    }

    @Test void randomFloatDivisionAndSqrtAreCorrectlyRounded() {
        Random r = new Random(42);
        int n = 4096;
        FloatArray a = new FloatArray(n), b = new FloatArray(n);
        for (int i = 0; i < n; i++) { a.set(i, Float.intBitsToFloat(r.nextInt() & 0x7fffffff) * (r.nextBoolean() ? 1 : -1)); b.set(i, r.nextFloat() * 1000 - 500); }
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            if (!d.info().canRoundFloatDivideSqrtCorrectly()) continue;
            FloatArray q = new FloatArray(n), s = new FloatArray(n);
            OpenClTestSupport.run(d, TestIr.binary("fdiv", Type.FLOAT, Op.Binary.DIV), a, b, q);
            OpenClTestSupport.run(d, TestIr.call("fsqrt", Type.FLOAT, Type.FLOAT, Op.Intrinsic.SQRT), b, b, s);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(a.get(i) / b.get(i)), Float.floatToIntBits(q.get(i)), a.get(i) + " / " + b.get(i));
                assertEquals(Float.floatToIntBits((float) Math.sqrt(b.get(i))), Float.floatToIntBits(s.get(i)), "sqrt " + b.get(i));
            }
        }
    }

    @Test void floatComparesHonourNan() {
        for (Op.Cond c : Op.Cond.values()) {
            for (boolean unordered : new boolean[]{false, true}) {
                Kernel k = TestIr.compare("cmp_" + c + (unordered ? "_u" : ""), Type.FLOAT, c, unordered);
                FloatArray[] p = floatPairs();
                for (OpenClDevice d : OpenClTestSupport.devices()) {
                    IntArray out = new IntArray(p[0].getSize());
                    OpenClTestSupport.run(d, k, p[0], p[1], out);
                    for (int i = 0; i < out.getSize(); i++) {
                        float x = p[0].get(i), y = p[1].get(i);
                        boolean expect = Float.isNaN(x) || Float.isNaN(y) ? unordered : switch (c) {
                            case EQ -> x == y; case NE -> x != y; case LT -> x < y; case LE -> x <= y; case GT -> x > y; case GE -> x >= y;
                        };
                        assertEquals(expect ? 1 : 0, out.get(i), x + " " + c + (unordered ? " (unordered) " : " ") + y + " on " + d.id());
                    }
                }
            }
        }
    }

    @Test void floatToIntegerConversionsSaturateAndMapNanToZero() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray in = FloatArray.fromArray(FLOATS);
            IntArray out = new IntArray(FLOATS.length);
            OpenClTestSupport.run(d, TestIr.convert("f2i", Type.FLOAT, Type.INT), in, in, out);
            for (int i = 0; i < FLOATS.length; i++) assertEquals((int) FLOATS[i], out.get(i), "(int) " + FLOATS[i]);

            // double -> int, double -> long (checked through a double result), float -> long
            DoubleArray din = DoubleArray.fromArray(DOUBLES);
            IntArray dout = new IntArray(DOUBLES.length);
            OpenClTestSupport.run(d, TestIr.convert("d2i", Type.DOUBLE, Type.INT), din, din, dout);
            for (int i = 0; i < DOUBLES.length; i++) assertEquals((int) DOUBLES[i], dout.get(i), "(int) " + DOUBLES[i]);

            DoubleArray lout = new DoubleArray(DOUBLES.length);
            OpenClTestSupport.run(d, TestIr.map2("d2l", Type.DOUBLE, Type.DOUBLE, Type.DOUBLE, (k, b, x, y) -> {
                Value.Reg l = k.newReg(Type.LONG, "l"), r = k.newReg(Type.DOUBLE, "r");
                b.instrs.add(new Instr.Convert(l, x));
                b.instrs.add(new Instr.Convert(r, l));
                return r;
            }), din, din, lout);
            for (int i = 0; i < DOUBLES.length; i++) assertEquals((double) (long) DOUBLES[i], lout.get(i), "(long) " + DOUBLES[i]);

            FloatArray fl = new FloatArray(FLOATS.length);
            OpenClTestSupport.run(d, TestIr.map2("f2l", Type.FLOAT, Type.FLOAT, Type.FLOAT, (k, b, x, y) -> {
                Value.Reg l = k.newReg(Type.LONG, "l"), r = k.newReg(Type.FLOAT, "r");
                b.instrs.add(new Instr.Convert(l, x));
                b.instrs.add(new Instr.Convert(r, l));
                return r;
            }), in, in, fl);
            for (int i = 0; i < FLOATS.length; i++) assertEquals((float) (long) FLOATS[i], fl.get(i), "(long) " + FLOATS[i]);
        }
    }

    @Test void constantsArriveBitExact() {
        float[] fs = {Float.NaN, -0f, 0.1f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1e-40f, -123456.78f, 3f};
        double[] ds = {Double.NaN, -0.0, 0.1, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Math.PI, -1e300};
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            for (float f : fs) {
                FloatArray out = new FloatArray(2);
                OpenClTestSupport.run(d, TestIr.constant("cf", Value.Const.f32(f)), out, out, out);
                assertEquals(Float.floatToRawIntBits(f), Float.floatToRawIntBits(out.get(1)), "constant " + f);
            }
            for (double x : ds) {
                DoubleArray out = new DoubleArray(2);
                OpenClTestSupport.run(d, TestIr.constant("cd", Value.Const.f64(x)), out, out, out);
                assertEquals(Double.doubleToRawLongBits(x), Double.doubleToRawLongBits(out.get(1)), "constant " + x);
            }
            for (int v : new int[]{Integer.MIN_VALUE, -1, Integer.MAX_VALUE}) {
                IntArray out = new IntArray(1);
                OpenClTestSupport.run(d, TestIr.constant("ci", Value.Const.i32(v)), out, out, out);
                assertEquals(v, out.get(0));
            }
        }
    }

    @Test void bytesLoadSignExtendedAndStoreTruncated() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            ByteArray in = ByteArray.fromElements((byte) -128, (byte) -1, (byte) 0, (byte) 127, (byte) 0x80);
            IntArray wide = new IntArray(5);
            OpenClTestSupport.run(d, TestIr.map2("b2i", Type.BYTE, Type.BYTE, Type.INT, (k, b, x, y) -> x), in, in, wide);
            assertEquals(java.util.List.of(-128, -1, 0, 127, -128), java.util.Arrays.stream(wide.toHeapArray()).boxed().toList());
            IntArray ints = IntArray.fromElements(300, -129, 255, 128, 1);
            ByteArray narrow = new ByteArray(5);
            OpenClTestSupport.run(d, TestIr.map2("i2b", Type.INT, Type.INT, Type.BYTE, (k, b, x, y) -> x), ints, ints, narrow);
            for (int i = 0; i < 5; i++) assertEquals((byte) ints.get(i), narrow.get(i));
        }
    }

    @Test void sigmoidRsqrtAndPowSpecialCases() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray x = FloatArray.fromElements(0f, 1f, -1f, 10f, -10f, 4f, 0.25f);
            FloatArray out = new FloatArray(x.getSize());
            OpenClTestSupport.run(d, TestIr.call("sig", Type.FLOAT, Type.FLOAT, Op.Intrinsic.SIGMOID), x, x, out);
            for (int i = 0; i < x.getSize(); i++)
                assertEquals(1.0 / (1.0 + Math.exp(-x.get(i))), out.get(i), 1e-6, "sigmoid " + x.get(i));
            OpenClTestSupport.run(d, TestIr.call("rsq", Type.FLOAT, Type.FLOAT, Op.Intrinsic.RSQRT), x, x, out);
            assertEquals(0.5f, out.get(5), 1e-6f);
            assertEquals(2f, out.get(6), 1e-6f);
            FloatArray base = FloatArray.fromElements(1f, -1f, 2f, 0f), exp = FloatArray.fromElements(Float.NaN, Float.POSITIVE_INFINITY, 10f, 0f);
            FloatArray p = new FloatArray(4);
            OpenClTestSupport.run(d, TestIr.call("pw", Type.FLOAT, Type.FLOAT, Op.Intrinsic.POW), base, exp, p);
            for (int i = 0; i < 4; i++)
                assertEquals((float) Math.pow(base.get(i), exp.get(i)), p.get(i), "pow(" + base.get(i) + ", " + exp.get(i) + ")");
        }
    }
}
