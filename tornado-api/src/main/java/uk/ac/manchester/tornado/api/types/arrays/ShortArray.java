package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Off-heap array of short, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's
 * JIT has no short element type yet, so a kernel or transfer that uses this class fails with an error naming it.
 */
public final class ShortArray {
    private final MemorySegment segment;
    private final int size;

    public ShortArray(int numberOfElements) {
        if (numberOfElements < 0) throw new IllegalArgumentException("array size must be >= 0, got " + numberOfElements);
        size = numberOfElements;
        segment = Arena.ofAuto().allocate(Math.max(1, size) * 2L, 64);
    }

    public static ShortArray fromArray(short[] values) {
        ShortArray a = new ShortArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static ShortArray fromElements(short... values) { return fromArray(values); }

    public short get(int index) { return segment.getAtIndex(ValueLayout.JAVA_SHORT, check(index)); }

    public void set(int index, short value) { segment.setAtIndex(ValueLayout.JAVA_SHORT, check(index), value); }

    public int getSize() { return size; }

    public void init(short value) { for (int i = 0; i < size; i++) set(i, value); }

    public void clear() { segment.fill((byte) 0); }

    public short[] toHeapArray() {
        short[] out = new short[size];
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
