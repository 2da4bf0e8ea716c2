package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import uk.ac.manchester.tornado.api.types.HalfFloat;

/**
 * Off-heap array of 16-bit halves (stored as IEEE 754 binary16), under TornadoVM's name. Part of trm4j's TornadoVM bridge,
 * not TornadoVM. Host side only for now: a kernel or transfer that uses it fails with an error naming it.
 */
public final class HalfFloatArray {
    private final MemorySegment segment;
    private final int size;

    public HalfFloatArray(int numberOfElements) {
        if (numberOfElements < 0) throw new IllegalArgumentException("array size must be >= 0, got " + numberOfElements);
        size = numberOfElements;
        segment = Arena.ofAuto().allocate(Math.max(1, size) * 2L, 64);
    }

    public static HalfFloatArray fromArray(HalfFloat[] values) {
        HalfFloatArray a = new HalfFloatArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static HalfFloatArray fromElements(HalfFloat... values) { return fromArray(values); }

    public HalfFloat get(int index) { return new HalfFloat(segment.getAtIndex(ValueLayout.JAVA_SHORT, check(index))); }

    public void set(int index, HalfFloat value) { segment.setAtIndex(ValueLayout.JAVA_SHORT, check(index), value.getHalfFloatValue()); }

    public int getSize() { return size; }

    public void init(HalfFloat value) { for (int i = 0; i < size; i++) set(i, value); }

    public void clear() { segment.fill((byte) 0); }

    public HalfFloat[] toHeapArray() {
        HalfFloat[] out = new HalfFloat[size];
        for (int i = 0; i < size; i++) out[i] = get(i);
        return out;
    }

    public MemorySegment getSegment() { return segment; }

    public long getNumBytesOfSegment() { return size * 2L; }

    public int getElementSize() { return 2; }

    private long check(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("index " + index + " out of bounds for size " + size);
        return index;
    }
}
