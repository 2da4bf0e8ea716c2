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

import java.util.ArrayList;
import java.util.List;

/**
 * Compares the compared arguments (Out, InOut) of two runs of the same case. Integers and bytes
 * must be equal; float and double follow the case's {@link Tolerance}. An element the device left
 * poisoned fails even where the expected value is a NaN.
 */
final class OutputComparison {
    private OutputComparison() {}

    static List<Mismatch> compare(List<KernelArg> expected, List<KernelArg> actual, Tolerance tolerance) {
        List<Mismatch> out = new ArrayList<>();
        for (int a = 0; a < expected.size(); a++) {
            if (!expected.get(a).isCompared()) continue;
            Mismatch m = compareArrays(a, (NativeArray) expected.get(a).value(), (NativeArray) actual.get(a).value(), tolerance);
            if (m != null) out.add(m);
        }
        return out;
    }

    static Mismatch compareArrays(int argIndex, NativeArray expected, NativeArray actual, Tolerance tolerance) {
        if (expected.getSize() != actual.getSize())
            throw new IllegalStateException("argument " + argIndex + ": sizes differ " + expected.getSize() + " vs " + actual.getSize());
        int first = -1;
        int count = 0;
        for (int i = 0; i < expected.getSize(); i++) {
            if (!elementMatches(expected, actual, i, tolerance)) {
                if (first < 0) first = i;
                count++;
            }
        }
        if (first < 0) return null;
        return new Mismatch(argIndex, expected.getClass().getSimpleName(), first,
                show(expected, first), show(actual, first), count, expected.getSize());
    }

    private static boolean elementMatches(NativeArray expected, NativeArray actual, int i, Tolerance tolerance) {
        boolean poisonE = Poison.isPoison(expected, i);
        boolean poisonA = Poison.isPoison(actual, i);
        if (poisonA != poisonE && !(expected instanceof ByteArray)) return false;
        return switch (expected) {
            case IntArray e -> e.get(i) == ((IntArray) actual).get(i);
            case ByteArray e -> e.get(i) == ((ByteArray) actual).get(i);
            case LongArray e -> e.get(i) == ((LongArray) actual).get(i);
            case ShortArray e -> e.get(i) == ((ShortArray) actual).get(i);
            case CharArray e -> e.get(i) == ((CharArray) actual).get(i);
            case HalfArray e -> e.getBits(i) == ((HalfArray) actual).getBits(i)
                    || Float.isNaN(e.getFloat(i)) && Float.isNaN(((HalfArray) actual).getFloat(i));
            case FloatArray e -> tolerance.accepts(e.get(i), ((FloatArray) actual).get(i));
            case DoubleArray e -> tolerance.accepts(e.get(i), ((DoubleArray) actual).get(i));
        };
    }

    /** The value at i, with its bits for floating types and a note when it is the poison pattern. */
    static String show(NativeArray a, int i) {
        String poison = Poison.isPoison(a, i) && !(a instanceof ByteArray) ? " (poison: never written)" : "";
        return switch (a) {
            case IntArray n -> n.get(i) + " (0x" + Integer.toHexString(n.get(i)) + ")" + poison;
            case ByteArray b -> Byte.toString(b.get(i));
            case LongArray n -> n.get(i) + " (0x" + Long.toHexString(n.get(i)) + ")" + poison;
            case ShortArray n -> n.get(i) + poison;
            case CharArray n -> (int) n.get(i) + poison;
            case HalfArray h -> h.getFloat(i) + " (half 0x" + Integer.toHexString(h.getBits(i) & 0xFFFF) + ")" + poison;
            case FloatArray f -> f.get(i) + "f (0x" + Integer.toHexString(Float.floatToRawIntBits(f.get(i))) + ")" + poison;
            case DoubleArray d -> d.get(i) + " (0x" + Long.toHexString(Double.doubleToRawLongBits(d.get(i))) + ")" + poison;
        };
    }
}
