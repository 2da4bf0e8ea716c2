package uk.ac.manchester.tornado.api.types.collections;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.vectors.Int4;

/**
 * An array of {@link Int4}, stored flat in a {@link IntArray} (4 elements per vector). Part of trm4j's TornadoVM bridge, not
 * TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it. ({@link #getArray()} is a IntArray kernels do take.)
 */
public final class VectorInt4 {
    private final IntArray array;
    private final int numElements;

    public VectorInt4(int numElements) {
        this.numElements = numElements;
        this.array = new IntArray(numElements * 4);
    }

    public Int4 get(int index) {
        int base = check(index) * 4;
        return new Int4(array.get(base + 0), array.get(base + 1), array.get(base + 2), array.get(base + 3));
    }

    public void set(int index, Int4 value) {
        int base = check(index) * 4;
        for (int i = 0; i < 4; i++) array.set(base + i, value.get(i));
    }

    /** Sets every vector to {@code value}. */
    public void fill(Int4 value) { for (int i = 0; i < numElements; i++) set(i, value); }

    public void clear() { array.clear(); }

    /** Number of vectors. */
    public int getLength() { return numElements; }

    public int size() { return numElements; }

    /** The flat storage. */
    public IntArray getArray() { return array; }

    private int check(int index) {
        if (index < 0 || index >= numElements) throw new IndexOutOfBoundsException("index " + index + " out of bounds for " + numElements + " vectors");
        return index;
    }
}
