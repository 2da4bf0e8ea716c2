package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.vectors.Float2;

/**
 * An array of {@link Float2}, stored flat in a {@link FloatArray} (2 elements per vector). Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it. ({@link #getArray()} is a FloatArray kernels do take.)
 */
public final class VectorFloat2 {
    private final FloatArray array;
    private final int numElements;

    public VectorFloat2(int numElements) {
        this.numElements = numElements;
        this.array = new FloatArray(numElements * 2);
    }

    public Float2 get(int index) {
        int base = check(index) * 2;
        return new Float2(array.get(base + 0), array.get(base + 1));
    }

    public void set(int index, Float2 value) {
        int base = check(index) * 2;
        for (int i = 0; i < 2; i++) array.set(base + i, value.get(i));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Float2 value) { for (int i = 0; i < numElements; i++) set(i, value); }

    public void clear() { array.clear(); }

    /** Number of vectors. */
    public int getLength() { return numElements; }

    public int size() { return numElements; }

    /** The flat storage. */
    public FloatArray getArray() { return array; }

    private int check(int index) {
        if (index < 0 || index >= numElements) throw new IndexOutOfBoundsException("index " + index + " out of bounds for " + numElements + " vectors");
        return index;
    }
}
