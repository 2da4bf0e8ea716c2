package org.trm4j.conformance;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.HalfArray;
import org.trm4j.api.CharArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.ShortArray;
import org.trm4j.api.LongArray;
import org.trm4j.api.NativeArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fills output arrays with patterns no kernel of the suite produces, so an element a backend never
 * wrote is caught: NaNs with a payload for float/double (no arithmetic on our inputs makes them),
 * 0xDEADBEEF for int, 0xDB for byte. Written and read as raw bits, never through float conversions.
 */
final class Poison {
    static final int FLOAT_BITS = 0x7FC0DEAD;
    static final long DOUBLE_BITS = 0x7FF8DEADBEEFDEADL;
    static final int INT_BITS = 0xDEADBEEF;
    static final byte BYTE_BITS = (byte) 0xDB;
    /** A half NaN with a payload no conversion produces. */
    static final short HALF_BITS = (short) 0x7DEB;

    private Poison() {}

    static void fill(NativeArray a) {
        MemorySegment s = a.getSegment();
        for (int i = 0; i < a.getSize(); i++) {
            switch (a) {
                case FloatArray f -> s.setAtIndex(ValueLayout.JAVA_INT, i, FLOAT_BITS);
                case IntArray n -> s.setAtIndex(ValueLayout.JAVA_INT, i, INT_BITS);
                case DoubleArray d -> s.setAtIndex(ValueLayout.JAVA_LONG, i, DOUBLE_BITS);
                case ByteArray b -> s.setAtIndex(ValueLayout.JAVA_BYTE, i, BYTE_BITS);
                case LongArray l -> s.setAtIndex(ValueLayout.JAVA_LONG, i, DOUBLE_BITS);
                case HalfArray h -> s.setAtIndex(ValueLayout.JAVA_SHORT, i, HALF_BITS);
                case ShortArray h -> s.setAtIndex(ValueLayout.JAVA_SHORT, i, HALF_BITS);
                case CharArray h -> s.setAtIndex(ValueLayout.JAVA_SHORT, i, HALF_BITS);
            }
        }
    }

    /** Whether element i still holds the poison pattern (for bytes the pattern is also a legal value). */
    static boolean isPoison(NativeArray a, int i) {
        MemorySegment s = a.getSegment();
        return switch (a) {
            case FloatArray f -> s.getAtIndex(ValueLayout.JAVA_INT, i) == FLOAT_BITS;
            case IntArray n -> s.getAtIndex(ValueLayout.JAVA_INT, i) == INT_BITS;
            case DoubleArray d -> s.getAtIndex(ValueLayout.JAVA_LONG, i) == DOUBLE_BITS;
            case ByteArray b -> s.getAtIndex(ValueLayout.JAVA_BYTE, i) == BYTE_BITS;
            case LongArray l -> s.getAtIndex(ValueLayout.JAVA_LONG, i) == DOUBLE_BITS;
            case HalfArray h -> s.getAtIndex(ValueLayout.JAVA_SHORT, i) == HALF_BITS;
            case ShortArray h -> s.getAtIndex(ValueLayout.JAVA_SHORT, i) == HALF_BITS;
            case CharArray h -> s.getAtIndex(ValueLayout.JAVA_SHORT, i) == HALF_BITS;
        };
    }

    /** Index of the first element still poisoned, or -1. Bytes are not checked (0xDB is an ordinary value). */
    static int firstPoisoned(NativeArray a) {
        if (a instanceof ByteArray) return -1;
        for (int i = 0; i < a.getSize(); i++) if (isPoison(a, i)) return i;
        return -1;
    }
}
