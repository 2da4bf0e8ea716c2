package uk.ac.manchester.tornado.api.types.matrix;

import uk.ac.manchester.tornado.api.types.arrays.FloatArray;

/**
 * A row-major rows x columns matrix of float. Part of trm4j's TornadoVM bridge, not TornadoVM. It is the FloatArray holding
 * its elements (element (i, j) at i * columns + j), so it transfers like one; kernels may take it and call
 * {@code get(i, j)}, {@code set(i, j, v)}, {@code getNumRows()} and {@code getNumColumns()} (trm4j's JIT passes the
 * column count as a hidden argument, see {@link org.trm4j.api.Matrix2D}).
 */
public final class Matrix2DFloat extends FloatArray implements org.trm4j.api.Matrix2D {
    private final int rows, columns;

    public Matrix2DFloat(int rows, int columns) {
        super(checkedSize(rows, columns));
        this.rows = rows;
        this.columns = columns;
    }

    /** A matrix holding a copy of {@code values} (rows of equal length). */
    public Matrix2DFloat(float[][] values) {
        this(values.length, values.length == 0 ? 0 : values[0].length);
        for (int i = 0; i < rows; i++) {
            if (values[i].length != columns) throw new IllegalArgumentException("row " + i + " has " + values[i].length + " elements, row 0 has " + columns);
            for (int j = 0; j < columns; j++) set(i, j, values[i][j]);
        }
    }

    private static int checkedSize(int rows, int columns) {
        if (rows < 0 || columns < 0) throw new IllegalArgumentException("matrix shape must be >= 0, got " + rows + " x " + columns);
        return Math.multiplyExact(rows, columns);
    }

    public float get(int i, int j) { return get(index(i, j)); }

    public void set(int i, int j, float value) { set(index(i, j), value); }

    @Override public int getNumRows() { return rows; }

    @Override public int getNumColumns() { return columns; }

    /** Rows. */
    public int M() { return rows; }

    /** Columns. */
    public int N() { return columns; }

    public void fill(float value) { init(value); }

    /** The row-major storage: this matrix itself. */
    public FloatArray getFlattenedArray() { return this; }

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
