package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.vectors.Double3;

/**
 * An array of {@link Double3}, stored flat in a {@link DoubleArray} (3 elements per vector). Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it. ({@link #getArray()} is a DoubleArray kernels do take.)
 */
public final class VectorDouble3 {
    private final DoubleArray array;
    private final int numElements;

    public VectorDouble3(int numElements) {
        this.numElements = numElements;
        this.array = new DoubleArray(numElements * 3);
    }

    public Double3 get(int index) {
        int base = check(index) * 3;
        return new Double3(array.get(base + 0), array.get(base + 1), array.get(base + 2));
    }

    public void set(int index, Double3 value) {
        int base = check(index) * 3;
        for (int i = 0; i < 3; i++) array.set(base + i, value.get(i));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Double3 value) { for (int i = 0; i < numElements; i++) set(i, value); }

    public void clear() { array.clear(); }

    /** Number of vectors. */
    public int getLength() { return numElements; }

    public int size() { return numElements; }

    /** The flat storage. */
    public DoubleArray getArray() { return array; }

    private int check(int index) {
        if (index < 0 || index >= numElements) throw new IndexOutOfBoundsException("index " + index + " out of bounds for " + numElements + " vectors");
        return index;
    }
}
