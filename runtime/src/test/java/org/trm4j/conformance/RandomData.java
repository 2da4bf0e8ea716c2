package org.trm4j.conformance;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.Random;

/**
 * Random inputs for the cases. "withSpecials" variants also place each given edge value at least
 * once, at random positions, so NaN, infinities, signed zeros and extreme values are always tested.
 */
final class RandomData {
    static final float[] FLOAT_SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.0f, -0.0f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, 1e20f, -1e20f, 0.5f, -0.5f, 1.0f, -1.0f};
    static final float[] FLOAT_CAST_SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.0f, -0.0f,
            2.1474836E9f, -2.1474836E9f, 2.1474839E9f, -2.1474839E9f, 9.223372E18f, -9.223372E18f, 9.3e18f, -9.3e18f,
            1e30f, -1e30f, 0.99999994f, -0.99999994f, 1.5f, -1.5f, 2.5f, -2.5f, 16777217.0f};
    static final double[] DOUBLE_SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, 1e300, -1e300, 0.5, -0.5};
    static final double[] DOUBLE_CAST_SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            2147483647.0, 2147483647.9, 2147483648.0, -2147483648.0, -2147483648.9, -2147483649.0,
            9.223372036854775807E18, 9.3e18, -9.223372036854775808E18, -9.3e18, 1e300, -1e300,
            0.9999999999999999, -0.9999999999999999, 4503599627370497.0, 3.4028235677973366E38, 3.4028236e38, 1e-46, -1e-46,
            1.0000000596046448, 1.0000001788139343};
    static final int[] INT_SPECIALS = {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1, Integer.MIN_VALUE + 1, 0x80, 0x7F, 0xFF, 0x8000, 0xFFFF, 0x10000};
    static final long[] LONG_SPECIALS = {Long.MIN_VALUE, Long.MAX_VALUE, -1L, 0L, 1L, Long.MIN_VALUE + 1, 0xFFFFFFFFL, 0x80000000L, -0x80000000L, 0x100000000L};

    private RandomData() {}

    // ---- float ----

    static float[] floats(Random r, int n, float lo, float hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextFloat();
        return v;
    }

    static FloatArray floatArray(Random r, int n, float lo, float hi) { return FloatArray.fromArray(floats(r, n, lo, hi)); }

    /** Magnitudes in [lo, hi] with a random sign. */
    static FloatArray signedMagnitudes(Random r, int n, float lo, float hi) {
        float[] v = floats(r, n, lo, hi);
        for (int i = 0; i < n; i++) if (r.nextBoolean()) v[i] = -v[i];
        return FloatArray.fromArray(v);
    }

    static FloatArray floatArrayWithSpecials(Random r, int n, float lo, float hi, float[] specials) {
        float[] v = floats(r, n, lo, hi);
        int[] at = distinctPositions(r, n, specials.length);
        for (int k = 0; k < specials.length; k++) v[at[k]] = specials[k];
        return FloatArray.fromArray(v);
    }

    /** Pairs that make comparisons interesting: a quarter equal, a few NaN on either side, signed zeros. */
    static FloatArray[] comparisonPairs(Random r, int n) {
        float[] a = floats(r, n, -4, 4);
        float[] b = floats(r, n, -4, 4);
        float[] pool = {Float.NaN, 0.0f, -0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1.0f, -1.0f};
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> b[i] = a[i];
                case 1 -> a[i] = pool[r.nextInt(pool.length)];
                case 2 -> b[i] = pool[r.nextInt(pool.length)];
                case 3 -> { a[i] = pool[r.nextInt(pool.length)]; b[i] = pool[r.nextInt(pool.length)]; }
                default -> { }
            }
        }
        // every ordered pair of the pool at least once, at the start
        int k = 0;
        for (float x : pool) for (float y : pool) if (k < n) { a[k] = x; b[k] = y; k++; }
        return new FloatArray[]{FloatArray.fromArray(a), FloatArray.fromArray(b)};
    }

    // ---- double ----

    static double[] doubles(Random r, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * r.nextDouble();
        return v;
    }

    static DoubleArray doubleArray(Random r, int n, double lo, double hi) { return DoubleArray.fromArray(doubles(r, n, lo, hi)); }

    static DoubleArray signedDoubleMagnitudes(Random r, int n, double lo, double hi) {
        double[] v = doubles(r, n, lo, hi);
        for (int i = 0; i < n; i++) if (r.nextBoolean()) v[i] = -v[i];
        return DoubleArray.fromArray(v);
    }

    static DoubleArray doubleArrayWithSpecials(Random r, int n, double lo, double hi, double[] specials) {
        double[] v = doubles(r, n, lo, hi);
        int[] at = distinctPositions(r, n, specials.length);
        for (int k = 0; k < specials.length; k++) v[at[k]] = specials[k];
        return DoubleArray.fromArray(v);
    }

    /** The double version of {@link #comparisonPairs}. */
    static DoubleArray[] doubleComparisonPairs(Random r, int n) {
        FloatArray[] f = comparisonPairs(r, n);
        double[] a = new double[n], b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = f[0].get(i);
            b[i] = f[1].get(i);
            if (r.nextInt(8) == 0 && !Double.isNaN(a[i])) b[i] = Math.nextUp(a[i]); // differ below float precision
        }
        return new DoubleArray[]{DoubleArray.fromArray(a), DoubleArray.fromArray(b)};
    }

    // ---- int ----

    /** Uniform in [lo, hi] inclusive. */
    static int[] ints(Random r, int n, int lo, int hi) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = (int) (lo + (long) (r.nextDouble() * ((long) hi - lo + 1)));
        return v;
    }

    static IntArray intArray(Random r, int n, int lo, int hi) { return IntArray.fromArray(ints(r, n, lo, hi)); }

    /** Any int (full range, each bit random), plus the int edge values. */
    static IntArray anyInts(Random r, int n) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) v[i] = switch (r.nextInt(3)) {
            case 0 -> r.nextInt();
            case 1 -> r.nextInt(2001) - 1000;
            default -> r.nextInt() >> r.nextInt(32);
        };
        int[] at = distinctPositions(r, n, INT_SPECIALS.length);
        for (int k = 0; k < INT_SPECIALS.length; k++) v[at[k]] = INT_SPECIALS[k];
        return IntArray.fromArray(v);
    }

    /** Dividend/divisor pairs: any values, divisors never 0, MIN_VALUE / -1 and negative operands always present. */
    static IntArray[] divisionPairs(Random r, int n) {
        int[] a = anyInts(r, n).toHeapArray();
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            int d = switch (r.nextInt(3)) {
                case 0 -> r.nextInt();
                case 1 -> r.nextInt(41) - 20;
                default -> -1;
            };
            b[i] = d == 0 ? 7 : d;
        }
        int[][] fixed = {{Integer.MIN_VALUE, -1}, {Integer.MIN_VALUE, 1}, {Integer.MIN_VALUE, Integer.MIN_VALUE}, {-7, 2},
                {7, -2}, {-7, -2}, {Integer.MAX_VALUE, -1}, {0, -5}, {5, Integer.MIN_VALUE}};
        for (int k = 0; k < fixed.length; k++) { a[k] = fixed[k][0]; b[k] = fixed[k][1]; }
        return new IntArray[]{IntArray.fromArray(a), IntArray.fromArray(b)};
    }

    /** Shift counts in [-140, 140] (so int and long counts both wrap) plus the boundary counts. */
    static IntArray shiftCounts(Random r, int n) {
        int[] v = ints(r, n, -140, 140);
        int[] edges = {0, 1, 31, 32, 33, 63, 64, 65, -1, -31, -32, -33, -64, 127, 128, Integer.MIN_VALUE, Integer.MAX_VALUE};
        int[] at = distinctPositions(r, n, edges.length);
        for (int k = 0; k < edges.length; k++) v[at[k]] = edges[k];
        return IntArray.fromArray(v);
    }

    // ---- long, packed as (high, low) int pairs ----

    static long[] anyLongs(Random r, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = switch (r.nextInt(3)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextInt(2001) - 1000;
            default -> r.nextLong() >> r.nextInt(64);
        };
        int[] at = distinctPositions(r, n, LONG_SPECIALS.length);
        for (int k = 0; k < LONG_SPECIALS.length; k++) v[at[k]] = LONG_SPECIALS[k];
        return v;
    }

    static IntArray packLongs(long[] v) {
        IntArray a = new IntArray(2 * v.length);
        for (int i = 0; i < v.length; i++) {
            a.set(2 * i, (int) (v[i] >>> 32));
            a.set(2 * i + 1, (int) v[i]);
        }
        return a;
    }

    static long unpackLong(IntArray a, int i) {
        return ((long) a.get(2 * i) << 32) | (a.get(2 * i + 1) & 0xFFFFFFFFL);
    }

    /** Long dividend/divisor pairs, divisors never 0, Long.MIN_VALUE / -1 always present. */
    static IntArray[] longDivisionPairs(Random r, int n) {
        long[] a = anyLongs(r, n);
        long[] b = new long[n];
        for (int i = 0; i < n; i++) {
            long d = switch (r.nextInt(4)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt(41) - 20;
                case 2 -> r.nextInt();
                default -> -1L;
            };
            b[i] = d == 0 ? 3 : d;
        }
        long[][] fixed = {{Long.MIN_VALUE, -1}, {Long.MIN_VALUE, 1}, {-7, 2}, {7, -2}, {-7, -2}, {Long.MAX_VALUE, -1},
                {Long.MIN_VALUE, Long.MIN_VALUE}, {0x100000000L, 0xFFFFFFFFL}};
        for (int k = 0; k < fixed.length; k++) { a[k] = fixed[k][0]; b[k] = fixed[k][1]; }
        return new IntArray[]{packLongs(a), packLongs(b)};
    }

    /** Long pairs that often share their high words, so the low words decide the compare (signed high, unsigned low). */
    static IntArray[] longComparisonPairs(Random r, int n) {
        long[] a = anyLongs(r, n);
        long[] b = new long[n];
        for (int i = 0; i < n; i++) b[i] = switch (r.nextInt(4)) {
            case 0 -> a[i];
            case 1 -> (a[i] & 0xFFFFFFFF00000000L) | (r.nextInt() & 0xFFFFFFFFL);
            case 2 -> a[i] ^ Long.MIN_VALUE;
            default -> r.nextLong();
        };
        return new IntArray[]{packLongs(a), packLongs(b)};
    }

    // ---- byte ----

    static ByteArray anyBytes(Random r, int n) {
        byte[] v = new byte[n];
        r.nextBytes(v);
        byte[] edges = {Byte.MIN_VALUE, Byte.MAX_VALUE, -1, 0, 1};
        int[] at = distinctPositions(r, n, edges.length);
        for (int k = 0; k < edges.length; k++) v[at[k]] = edges[k];
        return ByteArray.fromArray(v);
    }

    // ---- helpers ----

    /** k distinct indices in [0, n), in random order. */
    static int[] distinctPositions(Random r, int n, int k) {
        if (k > n) throw new IllegalArgumentException("need " + k + " positions in an array of " + n);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + r.nextInt(n - i);
            int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
        }
        return java.util.Arrays.copyOf(perm, k);
    }
}
