package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of int, usable in kernels on every backend (TornadoVM's IntArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class IntArray extends NativeArray {
    private static final ValueLayout.OfInt LAYOUT = ValueLayout.JAVA_INT;

    public IntArray(int size) { super(size, 4); }

    public static IntArray fromArray(int[] values) {
        IntArray a = new IntArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static IntArray fromElements(int... values) { return fromArray(values); }

    public final int get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, int value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(int value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final int[] toHeapArray() {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 4; }

    @Override public String toString() { return "IntArray[" + size + "]"; }
}
