package org.trm4j.api;

import java.lang.foreign.ValueLayout;

/** Off-heap array of float, usable in kernels on every backend (TornadoVM's FloatArray). */
// Not final: trm4j's TornadoVM bridge gives this class TornadoVM's name by extending it; the accessors stay final so kernels mean the same on every backend.
public non-sealed class FloatArray extends NativeArray {
    private static final ValueLayout.OfFloat LAYOUT = ValueLayout.JAVA_FLOAT;

    public FloatArray(int size) { super(size, 4); }

    public static FloatArray fromArray(float[] values) {
        FloatArray a = new FloatArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static FloatArray fromElements(float... values) { return fromArray(values); }

    public final float get(int index) {
        checkIndex(index);
        return segment.getAtIndex(LAYOUT, index);
    }

    public final void set(int index, float value) {
        checkIndex(index);
        segment.setAtIndex(LAYOUT, index, value);
    }

    /** Sets every element to {@code value}. */
    public final void init(float value) {
        for (int i = 0; i < size; i++) segment.setAtIndex(LAYOUT, i, value);
    }

    public final float[] toHeapArray() {
        float[] out = new float[size];
        for (int i = 0; i < size; i++) out[i] = segment.getAtIndex(LAYOUT, i);
        return out;
    }

    @Override public long elementBytes() { return 4; }

    @Override public String toString() { return "FloatArray[" + size + "]"; }
}
