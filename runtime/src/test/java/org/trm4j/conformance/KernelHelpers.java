package org.trm4j.conformance;

import org.trm4j.api.IntArray;

/**
 * Static helpers that conformance kernels call; the JIT inlines them. There is no LongArray, so a
 * long travels as two ints (high word first) in an IntArray: element {@code i} is at 2i (high), 2i+1 (low).
 */
final class KernelHelpers {
    private KernelHelpers() {}

    /** Reads the i-th long packed as (high, low) ints. */
    static long loadLong(IntArray a, int i) {
        return ((long) a.get(2 * i) << 32) | (a.get(2 * i + 1) & 0xFFFFFFFFL);
    }

    /** Writes the i-th long packed as (high, low) ints: a void helper with side effects. */
    static void storeLong(IntArray a, int i, long v) {
        a.set(2 * i, (int) (v >>> 32));
        a.set(2 * i + 1, (int) v);
    }

    /** Clamps to [lo, hi]; called by {@link #clampedSquare}, so a helper calls a helper. */
    static float clamp(float x, float lo, float hi) {
        return x < lo ? lo : (x > hi ? hi : x);
    }

    static float clampedSquare(float x) {
        float c = clamp(x, -2.0f, 3.0f);
        return c * c;
    }

    /** Several returns: -1, 0 or 1 by sign, 2 for NaN-free large values. */
    static int classify(int x) {
        if (x < 0) return -1;
        if (x == 0) return 0;
        if (x > 1000) return 2;
        return 1;
    }
}
