package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.vectors.Float8;

/**
 * An array of {@link Float8}, stored flat in a {@link FloatArray} (8 elements per vector). Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it. ({@link #getArray()} is a FloatArray kernels do take.)
 */
public final class VectorFloat8 {
    private final FloatArray array;
    private final int numElements;

    public VectorFloat8(int numElements) {
        this.numElements = numElements;
        this.array = new FloatArray(numElements * 8);
    }

    public Float8 get(int index) {
        int base = check(index) * 8;
        return new Float8(array.get(base + 0), array.get(base + 1), array.get(base + 2), array.get(base + 3), array.get(base + 4), array.get(base + 5), array.get(base + 6), array.get(base + 7));
    }

    public void set(int index, Float8 value) {
        int base = check(index) * 8;
        for (int i = 0; i < 8; i++) array.set(base + i, value.get(i));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Float8 value) { for (int i = 0; i < numElements; i++) set(i, value); }

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
