package org.trm4j.api;

/**
 * A row-major matrix stored in the off-heap array it is (its class extends FloatArray, IntArray...): element
 * (i, j) is at {@code i * getNumColumns() + j}. Kernels may take such a matrix as a parameter and call
 * {@code get(i, j)}, {@code set(i, j, v)}, {@code getNumRows()} and {@code getNumColumns()} on it (the JIT passes the
 * column count as a hidden argument). The TornadoVM bridge's Matrix2DFloat and Matrix2DInt are such classes.
 */
public interface Matrix2D {
    int getNumRows();

    int getNumColumns();
}
