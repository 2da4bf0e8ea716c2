package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Off-heap array of char, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's
 * JIT has no char element type yet, so a kernel or transfer that uses this class fails with an error naming it.
 */
public final class CharArray {
    private final MemorySegment segment;
    private final int size;

    public CharArray(int numberOfElements) {
        if (numberOfElements < 0) throw new IllegalArgumentException("array size must be >= 0, got " + numberOfElements);
        size = numberOfElements;
        segment = Arena.ofAuto().allocate(Math.max(1, size) * 2L, 64);
    }

    public static CharArray fromArray(char[] values) {
        CharArray a = new CharArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static CharArray fromElements(char... values) { return fromArray(values); }

    public char get(int index) { return segment.getAtIndex(ValueLayout.JAVA_CHAR, check(index)); }

    public void set(int index, char value) { segment.setAtIndex(ValueLayout.JAVA_CHAR, check(index), value); }

    public int getSize() { return size; }

    public void init(char value) { for (int i = 0; i < size; i++) set(i, value); }

    public void clear() { segment.fill((byte) 0); }

    public char[] toHeapArray() {
        char[] out = new char[size];
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
