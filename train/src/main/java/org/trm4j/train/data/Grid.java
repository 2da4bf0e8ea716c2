package org.trm4j.train.data;

import java.util.Arrays;

/** A rectangular grid of small integers (colours, digits, maze tokens), row-major. */
public record Grid(int rows, int cols, int[] cells) {
    public Grid {
        if (rows < 0 || cols < 0 || cells.length != rows * cols)
            throw new IllegalArgumentException(cells.length + " cells for a " + rows + "x" + cols + " grid");
    }

    /** The value at row {@code r}, column {@code c}. */
    public int at(int r, int c) { return cells[r * cols + c]; }

    /** "rowsxcols". */
    public String shape() { return rows + "x" + cols; }

    /** The grid with every value {@code v} replaced by {@code map[v]}. */
    public Grid mapValues(int[] map) {
        int[] out = new int[cells.length];
        for (int i = 0; i < out.length; i++) out[i] = map[cells[i]];
        return new Grid(rows, cols, out);
    }

    @Override public boolean equals(Object o) {
        return o instanceof Grid g && g.rows == rows && g.cols == cols && Arrays.equals(g.cells, cells);
    }

    @Override public int hashCode() { return 31 * (31 * rows + cols) + Arrays.hashCode(cells); }

    @Override public String toString() { return shape() + Arrays.toString(cells); }
}
