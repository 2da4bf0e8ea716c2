package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.vectors.Float3;

/**
 * An array of {@link Float3}, stored flat (3 elements per vector) in a {@link FloatArray}. Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Kernels may take it and call {@code get(i)}, {@code set(i, v)}, {@code getLength()} and {@code size()}.
 */
public final class VectorFloat3 implements org.trm4j.api.ArrayView {
    private final FloatArray storage;
    private final int numElements;

    public VectorFloat3(int numElements) {
        this.storage = new FloatArray(Math.multiplyExact(numElements, 3));
        this.numElements = numElements;
    }

    public Float3 get(int index) {
        int base = check(index) * 3;
        return new Float3(storage.get(base + 0), storage.get(base + 1), storage.get(base + 2));
    }

    public void set(int index, Float3 value) {
        int base = check(index) * 3;
        storage.set(base + 0, value.get(0));
        storage.set(base + 1, value.get(1));
        storage.set(base + 2, value.get(2));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Float3 value) { for (int i = 0; i < numElements; i++) set(i, value); }

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
