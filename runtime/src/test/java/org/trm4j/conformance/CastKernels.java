package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

import static org.trm4j.conformance.KernelHelpers.loadLong;
import static org.trm4j.conformance.KernelHelpers.storeLong;

/** Primitive conversions: Java saturates float -> integer, maps NaN to 0, wraps narrowing, rounds to nearest even. */
public final class CastKernels {
    private CastKernels() {}

    /** (int) f and (long) f: saturation at the ends, NaN -> 0, truncation toward zero. */
    public static void floatToIntAndLong(FloatArray x, IntArray toInt, IntArray toLong) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            toInt.set(i, (int) v);
            storeLong(toLong, i, (long) v);
        }
    }

    /** (int) d and (long) d: saturation at the ends, NaN -> 0. */
    public static void doubleToIntAndLong(DoubleArray x, IntArray toInt, IntArray toLong) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            double v = x.get(i);
            toInt.set(i, (int) v);
            storeLong(toLong, i, (long) v);
        }
    }

    /** int -> byte, short, char wrap (byte and short sign-extend back, char zero-extends). Output: 3 per element. */
    public static void intNarrowing(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int v = a.get(i);
            byte b = (byte) v;
            short s = (short) v;
            char c = (char) v;
            out.set(3 * i, b);
            out.set(3 * i + 1, s);
            out.set(3 * i + 2, c);
        }
    }

    /** long -> int keeps the low 32 bits; int -> long sign-extends. Output: 3 per element. */
    public static void longToInt(IntArray a, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long v = loadLong(a, i);
            out.set(3 * i, (int) v);
            out.set(3 * i + 1, (int) (v >> 16));
            long widened = (int) v;
            out.set(3 * i + 2, (int) (widened >>> 33));
        }
    }

    /** int -> float and long -> float round to nearest even; int -> double is exact. */
    public static void intToFloating(IntArray a, FloatArray asFloat, DoubleArray asDouble) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int v = a.get(i);
            long big = (long) v * 1_000_003L + 7L;
            asFloat.set(2 * i, (float) v);
            asFloat.set(2 * i + 1, (float) big);
            asDouble.set(2 * i, (double) v);
            asDouble.set(2 * i + 1, (double) (big * 4099L));
        }
    }

    /** double -> float rounds to nearest even and overflows to infinity; float -> double is exact. */
    public static void doubleFloatConversions(DoubleArray d, FloatArray f, FloatArray narrowed, DoubleArray widened) {
        for (@Parallel int i = 0; i < d.getSize(); i++) {
            narrowed.set(i, (float) d.get(i));
            widened.set(i, (double) f.get(i) * 3.0);
        }
    }
}
