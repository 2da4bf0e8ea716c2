package uk.ac.manchester.tornado.api.types.matrix;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * A row-major rows x columns matrix of float, stored in a {@link FloatArray}. Part of trm4j's TornadoVM bridge, not TornadoVM.
 * Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it. ({@link #getFlattenedArray()} is a FloatArray kernels do take: element (i, j) is at i * columns + j.)
 */
public final class Matrix2DFloat {
    private final FloatArray storage;
    private final int rows, columns;

    public Matrix2DFloat(int rows, int columns) {
        if (rows < 0 || columns < 0) throw new IllegalArgumentException("matrix shape must be >= 0, got " + rows + " x " + columns);
        this.rows = rows;
        this.columns = columns;
        this.storage = new FloatArray(rows * columns);
    }

    /** A matrix holding a copy of {@code values} (rows of equal length). */
    public Matrix2DFloat(float[][] values) {
        this(values.length, values.length == 0 ? 0 : values[0].length);
        for (int i = 0; i < rows; i++) {
            if (values[i].length != columns) throw new IllegalArgumentException("row " + i + " has " + values[i].length + " elements, row 0 has " + columns);
            for (int j = 0; j < columns; j++) set(i, j, values[i][j]);
        }
    }

    public float get(int i, int j) { return storage.get(index(i, j)); }

    public void set(int i, int j, float value) { storage.set(index(i, j), value); }

    public int getNumRows() { return rows; }

    public int getNumColumns() { return columns; }

    /** Rows. */
    public int M() { return rows; }

    /** Columns. */
    public int N() { return columns; }

    public void fill(float value) { storage.init(value); }

    public void clear() { storage.clear(); }

    /** The row-major storage. */
    public FloatArray getFlattenedArray() { return storage; }

    private int index(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= columns)
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") out of bounds for " + rows + " x " + columns);
        return i * columns + j;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) sb.append(j == 0 ? "" : " ").append(get(i, j));
            sb.append('\n');
        }
        return sb.toString();
    }
}
