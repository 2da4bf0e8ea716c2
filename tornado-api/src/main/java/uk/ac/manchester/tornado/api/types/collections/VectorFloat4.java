package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.vectors.Float4;

/**
 * An array of {@link Float4}, stored flat (4 elements per vector) in a {@link FloatArray}. Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Kernels may take it and call {@code get(i)}, {@code set(i, v)}, {@code getLength()} and {@code size()}.
 */
public final class VectorFloat4 implements org.trm4j.api.ArrayView {
    private final FloatArray storage;
    private final int numElements;

    public VectorFloat4(int numElements) {
        this.storage = new FloatArray(Math.multiplyExact(numElements, 4));
        this.numElements = numElements;
    }

    public Float4 get(int index) {
        int base = check(index) * 4;
        return new Float4(storage.get(base + 0), storage.get(base + 1), storage.get(base + 2), storage.get(base + 3));
    }

    public void set(int index, Float4 value) {
        int base = check(index) * 4;
        storage.set(base + 0, value.get(0));
        storage.set(base + 1, value.get(1));
        storage.set(base + 2, value.get(2));
        storage.set(base + 3, value.get(3));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Float4 value) { for (int i = 0; i < numElements; i++) set(i, value); }

    /** Number of vectors. */
    public int getLength() { return numElements; }

    public int size() { return numElements; }

    public void clear() { storage.clear(); }

    /** The flat storage. */
    public FloatArray getArray() { return storage; }

    /** For trm4j: transfers and device kernels use the flat storage. */
    @Override public org.trm4j.api.NativeArray storage() { return storage; }

    private int check(int index) {
        if (index < 0 || index >= numElements) throw new IndexOutOfBoundsException("index " + index + " out of bounds for " + numElements + " vectors");
        return index;
    }
}
