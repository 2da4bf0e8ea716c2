package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of byte, usable in kernels on every backend (TornadoVM's ByteArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class ByteArray extends NativeArray {
    private static final ValueLayout.OfByte LAYOUT = ValueLayout.JAVA_BYTE;

    public ByteArray(int size) { super(size, 1); }

    public static ByteArray fromArray(byte[] values) {
        ByteArray a = new ByteArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static ByteArray fromElements(byte... values) { return fromArray(values); }

    public final byte get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, byte value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(byte value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final byte[] toHeapArray() {
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 1; }

    @Override public String toString() { return "ByteArray[" + size + "]"; }
}
