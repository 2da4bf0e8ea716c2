package org.trm4j.conformance;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/** Kernels over DoubleArray and ByteArray (bytes load sign-extended, store truncated). */
public final class ArrayTypeKernels {
    private ArrayTypeKernels() {}

    /** out = alpha * x + y in double. */
    public static void doubleAxpy(double alpha, DoubleArray x, DoubleArray y, DoubleArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            out.set(i, alpha * x.get(i) + y.get(i));
        }
    }

    /** Byte arithmetic: the sum wraps when stored; loads sign-extend; & 0xFF zero-extends. */
    public static void byteArithmetic(ByteArray a, ByteArray b, ByteArray sum, IntArray widened) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            byte x = a.get(i);
            byte y = b.get(i);
            sum.set(i, (byte) (x + y));
            widened.set(3 * i, x & 0xFF);
            widened.set(3 * i + 1, x >> 2);
            widened.set(3 * i + 2, x * y);
        }
    }

    /** A byte mask from a float comparison (NaN -> 0), then a float gathered through the mask. */
    public static void byteMask(FloatArray x, ByteArray mask, FloatArray kept) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            byte m = v > 0.25f ? (byte) 1 : (byte) 0;
            mask.set(i, m);
            kept.set(i, m == 1 ? v : 0.0f);
        }
    }
}
