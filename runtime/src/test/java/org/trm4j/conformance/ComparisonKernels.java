package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

import static org.trm4j.conformance.KernelHelpers.loadLong;

/**
 * Comparisons, including unordered (NaN) operands. javac compiles {@code a < b} and {@code a <= b} with
 * fcmpg/dcmpg and {@code a > b}, {@code a >= b} with fcmpl/dcmpl; negations flip the branch, so NaN
 * must take the side Java says.
 */
public final class ComparisonKernels {
    private ComparisonKernels() {}

    /** Each comparison as a bit: <, >, !(>=), !(<=), ==, !=, and a boolean local. */
    public static void floatCompareFlags(FloatArray a, FloatArray b, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float x = a.get(i);
            float y = b.get(i);
            boolean lessOrEqual = x <= y;
            int r = (x < y ? 1 : 0)
                    | (x > y ? 2 : 0)
                    | (!(x >= y) ? 4 : 0)
                    | (!(x <= y) ? 8 : 0)
                    | (x == y ? 16 : 0)
                    | (x != y ? 32 : 0)
                    | (lessOrEqual ? 64 : 0);
            out.set(i, r);
        }
    }

    /** The double version of {@link #floatCompareFlags}. */
    public static void doubleCompareFlags(DoubleArray a, DoubleArray b, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            double x = a.get(i);
            double y = b.get(i);
            boolean greaterOrEqual = x >= y;
            int r = (x < y ? 1 : 0)
                    | (x > y ? 2 : 0)
                    | (!(x >= y) ? 4 : 0)
                    | (!(x <= y) ? 8 : 0)
                    | (x == y ? 16 : 0)
                    | (x != y ? 32 : 0)
                    | (greaterOrEqual ? 64 : 0);
            out.set(i, r);
        }
    }

    /** Comparisons steering if/else chains (rather than producing values); NaN falls through to the last arm. */
    public static void floatCompareBranches(FloatArray a, FloatArray b, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float x = a.get(i);
            float y = b.get(i);
            float r;
            if (x < y) {
                r = 1;
            } else if (x > y) {
                r = 2;
            } else if (x == y) {
                r = 3;
            } else {
                r = 4;
            }
            if (!(x >= y)) r += 10;
            if (!(x <= y)) r += 20;
            if (!(x > 0.0f)) r += 100;
            out.set(i, r);
        }
    }

    /** Signed int compares and long compares (lcmp). */
    public static void intLongCompare(IntArray a, IntArray b, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int x = a.get(i);
            int y = b.get(i);
            long lx = (long) x * 65537L;
            long ly = (long) y * 65537L;
            int r = (x < y ? 1 : 0) | (x <= y ? 2 : 0) | (x > y ? 4 : 0) | (x >= y ? 8 : 0)
                    | (x == y ? 16 : 0) | (x != y ? 32 : 0)
                    | (lx < ly ? 64 : 0) | (lx >= ly ? 128 : 0) | (lx == ly ? 256 : 0)
                    | (x < 0 ? 512 : 0) | (lx > 0 ? 1024 : 0);
            out.set(i, r);
        }
    }

    /** long compares on full 64-bit values (packed pairs), where the high words alone do not decide. */
    public static void longCompare(IntArray a, IntArray b, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long x = loadLong(a, i);
            long y = loadLong(b, i);
            int r = (x < y ? 1 : 0) | (x <= y ? 2 : 0) | (x > y ? 4 : 0) | (x >= y ? 8 : 0)
                    | (x == y ? 16 : 0) | (x != y ? 32 : 0);
            out.set(i, r);
        }
    }
}
