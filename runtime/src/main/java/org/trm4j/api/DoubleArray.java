package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of double, usable in kernels on every backend (TornadoVM's DoubleArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class DoubleArray extends NativeArray {
    private static final ValueLayout.OfDouble LAYOUT = ValueLayout.JAVA_DOUBLE;

    public DoubleArray(int size) { super(size, 8); }

    public static DoubleArray fromArray(double[] values) {
        DoubleArray a = new DoubleArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static DoubleArray fromElements(double... values) { return fromArray(values); }

    public final double get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, double value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(double value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final double[] toHeapArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 8; }

    @Override public String toString() { return "DoubleArray[" + size + "]"; }
}
