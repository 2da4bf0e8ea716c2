package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of long, usable in kernels on every backend (TornadoVM's LongArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class LongArray extends NativeArray {
    private static final ValueLayout.OfLong LAYOUT = ValueLayout.JAVA_LONG;

    public LongArray(int size) { super(size, 8); }

    public static LongArray fromArray(long[] values) {
        LongArray a = new LongArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static LongArray fromElements(long... values) { return fromArray(values); }

    public final long get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, long value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(long value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final long[] toHeapArray() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 8; }

    @Override public String toString() { return "LongArray[" + size + "]"; }
}
