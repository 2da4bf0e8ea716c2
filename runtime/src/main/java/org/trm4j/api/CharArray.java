package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of char (unsigned 16-bit), usable in kernels on every backend (TornadoVM's CharArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class CharArray extends NativeArray {
    private static final ValueLayout.OfChar LAYOUT = ValueLayout.JAVA_CHAR;

    public CharArray(int size) { super(size, 2); }

    public static CharArray fromArray(char[] values) {
        CharArray a = new CharArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static CharArray fromElements(char... values) { return fromArray(values); }

    public final char get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, char value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(char value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final char[] toHeapArray() {
        char[] out = new char[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 2; }

    @Override public String toString() { return "CharArray[" + size + "]"; }
}
