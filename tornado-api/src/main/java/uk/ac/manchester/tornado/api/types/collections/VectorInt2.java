package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.vectors.Int2;

/**
 * An array of {@link Int2}, stored flat (2 elements per vector) in a {@link IntArray}. Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Kernels may take it and call {@code get(i)}, {@code set(i, v)}, {@code getLength()} and {@code size()}.
 */
public final class VectorInt2 implements org.trm4j.api.ArrayView {
    private final IntArray storage;
    private final int numElements;

    public VectorInt2(int numElements) {
        this.storage = new IntArray(Math.multiplyExact(numElements, 2));
        this.numElements = numElements;
    }

    public Int2 get(int index) {
        int base = check(index) * 2;
        return new Int2(storage.get(base + 0), storage.get(base + 1));
    }

    public void set(int index, Int2 value) {
        int base = check(index) * 2;
        storage.set(base + 0, value.get(0));
        storage.set(base + 1, value.get(1));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Int2 value) { for (int i = 0; i < numElements; i++) set(i, value); }

    /** Number of vectors. */
    public int getLength() { return numElements; }

    public int size() { return numElements; }

    public void clear() { storage.clear(); }

    /** The flat storage. */
    public IntArray getArray() { return storage; }

    /** For trm4j: transfers and device kernels use the flat storage. */
    @Override public org.trm4j.api.NativeArray storage() { return storage; }

    private int check(int index) {
        if (index < 0 || index >= numElements) throw new IndexOutOfBoundsException("index " + index + " out of bounds for " + numElements + " vectors");
        return index;
    }
}
