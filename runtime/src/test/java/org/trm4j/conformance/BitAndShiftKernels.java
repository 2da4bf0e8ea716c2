package org.trm4j.conformance;

import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

import static org.trm4j.conformance.KernelHelpers.loadLong;
import static org.trm4j.conformance.KernelHelpers.storeLong;

/** Bit operations and shifts. Java masks shift counts (& 31 for int, & 63 for long); the targets do not. */
public final class BitAndShiftKernels {
    private BitAndShiftKernels() {}

    /** & | ^ ~ on ints. Output: 4 values per element. */
    public static void intBitOps(IntArray a, IntArray b, IntArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int x = a.get(i);
            int y = b.get(i);
            out.set(4 * i, x & y);
            out.set(4 * i + 1, x | y);
            out.set(4 * i + 2, x ^ y);
            out.set(4 * i + 3, ~x);
        }
    }

    /** & | ^ ~ on longs packed in int pairs. Output: 4 longs per element. */
    public static void longBitOps(IntArray a, IntArray b, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long x = loadLong(a, i);
            long y = loadLong(b, i);
            storeLong(out, 4 * i, x & y);
            storeLong(out, 4 * i + 1, x | y);
            storeLong(out, 4 * i + 2, x ^ y);
            storeLong(out, 4 * i + 3, ~x);
        }
    }

    /** int << >> >>> by variable counts, including counts >= 32 and negative ones. Output: 3 per element. */
    public static void intShifts(IntArray a, IntArray count, IntArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int x = a.get(i);
            int s = count.get(i);
            out.set(3 * i, x << s);
            out.set(3 * i + 1, x >> s);
            out.set(3 * i + 2, x >>> s);
        }
    }

    /** int shifts by constant counts that javac leaves unmasked in the bytecode (33, 40, -1, 32). Output: 4 per element. */
    public static void intShiftsByConstants(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int x = a.get(i);
            out.set(4 * i, x << 33);
            out.set(4 * i + 1, x >> 40);
            out.set(4 * i + 2, x >>> -1);
            out.set(4 * i + 3, x << 32);
        }
    }

    /** long << >> >>> by variable int counts, including counts >= 64 and negative ones. Output: 3 longs per element. */
    public static void longShifts(IntArray a, IntArray count, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long x = loadLong(a, i);
            int s = count.get(i);
            storeLong(out, 3 * i, x << s);
            storeLong(out, 3 * i + 1, x >> s);
            storeLong(out, 3 * i + 2, x >>> s);
        }
    }

    /** long shifts by constant counts 65, 100, -1 and 64. Output: 4 longs per element. */
    public static void longShiftsByConstants(IntArray a, IntArray out, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            long x = loadLong(a, i);
            storeLong(out, 4 * i, x << 65);
            storeLong(out, 4 * i + 1, x >> 100);
            storeLong(out, 4 * i + 2, x >>> -1);
            storeLong(out, 4 * i + 3, x << 64);
        }
    }
}
