package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of short, usable in kernels on every backend (TornadoVM's ShortArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class ShortArray extends NativeArray {
    private static final ValueLayout.OfShort LAYOUT = ValueLayout.JAVA_SHORT;

    public ShortArray(int size) { super(size, 2); }

    public static ShortArray fromArray(short[] values) {
        ShortArray a = new ShortArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static ShortArray fromElements(short... values) { return fromArray(values); }

    public final short get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, short value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(short value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final short[] toHeapArray() {
        short[] out = new short[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 2; }

    @Override public String toString() { return "ShortArray[" + size + "]"; }
}
