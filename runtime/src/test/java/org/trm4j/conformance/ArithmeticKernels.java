package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

import static org.trm4j.conformance.KernelHelpers.loadLong;
import static org.trm4j.conformance.KernelHelpers.storeLong;

/** Integer, long, float and double arithmetic with Java's wrap-around and division rules. */
public final class ArithmeticKernels {
    private ArithmeticKernels() {}

    /** int + - * and unary minus, wrapping on overflow. */
    public static void intAddSubMul(IntArray a, IntArray b, IntArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) {
            int x = a.get(i);
            int y = b.get(i);
            c.set(i, x * y + x - y * 3 - (-x));
        }
    }

    /** int / and % truncate toward zero; MIN_VALUE / -1 == MIN_VALUE and MIN_VALUE % -1 == 0. Divisors are never 0. */
    public static void intDivRem(IntArray a, IntArray b, IntArray quotient, IntArray remainder) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int x = a.get(i);
            int y = b.get(i);
            quotient.set(i, x / y);
            remainder.set(i, x % y);
        }
    }

    /** long + - * and unary minus on longs packed in int pairs; n is the number of longs. */
    public static void longAddSubMul(IntArray a, IntArray b, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long x = loadLong(a, i);
            long y = loadLong(b, i);
            storeLong(out, i, x * y + x - y * 3L - (-x));
        }
    }

    /** long / and %: Long.MIN_VALUE / -1 == MIN_VALUE, % -1 == 0. Divisors are never 0. Output: quotient then remainder. */
    public static void longDivRem(IntArray a, IntArray b, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long x = loadLong(a, i);
            long y = loadLong(b, i);
            storeLong(out, 2 * i, x / y);
            storeLong(out, 2 * i + 1, x % y);
        }
    }

    /** float + - * / without contraction: (x*y + x/y) - (x-y)*0.5. */
    public static void floatArith(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) {
            float x = a.get(i);
            float y = b.get(i);
            float product = x * y;
            c.set(i, (product + x / y) - (x - y) * 0.5f);
        }
    }

    /** float % (C fmod semantics) with negative operands. */
    public static void floatRem(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) {
            c.set(i, a.get(i) % b.get(i));
        }
    }

    /** double + - * / % and unary minus. Output: 3 values per element. */
    public static void doubleArith(DoubleArray a, DoubleArray b, DoubleArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            double x = a.get(i);
            double y = b.get(i);
            out.set(3 * i, x * y - x / y);
            out.set(3 * i + 1, -(x + y) * 0.25);
            out.set(3 * i + 2, x % y);
        }
    }

    /** int and float mixed: implicit int -> float promotion, int division before promotion. */
    public static void mixedIntFloat(IntArray a, FloatArray x, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int k = a.get(i);
            float v = x.get(i);
            out.set(i, k * v + k / 3 + (float) (k % 7) * 0.5f + (k > 0 ? 1.5f : -2));
        }
    }

    /** Scalar parameters of every kind: float, int, long, double, boolean. */
    public static void scalarParams(FloatArray x, FloatArray out, float alpha, int k, long big, double beta, boolean flag) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float v = x.get(i);
            float r;
            if (flag) {
                r = alpha * v + k;
            } else {
                r = (float) (beta * v) - k;
            }
            r += (float) ((big + i) % 1000L);
            out.set(i, r);
        }
    }

    /** boolean locals combined with && || ^ and ! (javac turns them into branches). */
    public static void booleanLocals(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int v = a.get(i);
            boolean even = (v & 1) == 0;
            boolean big = v > 100;
            boolean negative = v < 0;
            int r = 0;
            if (even && big) r |= 1;
            if (even || negative) r |= 2;
            if (even ^ negative) r |= 4;
            if (!big) r |= 8;
            boolean any = even | big;
            r += any ? 16 : 32;
            out.set(i, r);
        }
    }

    /** Locals of every type in one kernel: int, long, float, double, boolean, each updated in a loop. */
    public static void allLocalTypes(IntArray a, FloatArray x, DoubleArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int iv = a.get(i);
            long lv = iv * 3L;
            float fv = x.get(i);
            double dv = fv * 0.5;
            boolean flip = false;
            for (int k = 0; k < 4; k++) {
                iv = iv * 5 + k;
                lv = lv * 7L - iv;
                fv = fv * 0.75f + k;
                dv = dv * 1.25 - fv;
                flip = !flip;
            }
            out.set(i, (flip ? 1.0 : -1.0) * (iv + (double) lv + fv + dv));
        }
    }
}
