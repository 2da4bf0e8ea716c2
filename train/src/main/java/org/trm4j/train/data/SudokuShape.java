package org.trm4j.train.data;

/**
 * A Sudoku board: n x n cells, digits 1..n, boxes of {@code boxRows} x {@code boxCols} (4x4: 2x2, 6x6: 2x3, 9x9: 3x3).
 * Rows are grouped in bands of {@code boxRows} rows, columns in stacks of {@code boxCols} columns.
 */
public record SudokuShape(int n, int boxRows, int boxCols) {
    /** The reference's vocabulary, kept for every board size: PAD 0, blank 1, digits 1..9 as 2..10. */
    public static final int VOCAB = 11;
    /** Token of a blank cell (digit 0 + 1). */
    public static final int BLANK_TOKEN = 1;

    public SudokuShape {
        if (boxRows * boxCols != n || n < 1 || n > 9) throw new IllegalArgumentException("no Sudoku with " + boxRows + "x" + boxCols + " boxes of " + n + " digits");
    }

    /** The board for {@code n} digits: 4, 6 or 9. */
    public static SudokuShape of(int n) {
        return switch (n) {
            case 4 -> new SudokuShape(4, 2, 2);
            case 6 -> new SudokuShape(6, 2, 3);
            case 9 -> new SudokuShape(9, 3, 3);
            default -> throw new IllegalArgumentException("Sudoku board size " + n + " is not supported (4, 6 or 9)");
        };
    }

    /** Cells on the board (the sequence length). */
    public int cells() { return n * n; }

    /** The box index of cell (r, c). */
    public int box(int r, int c) { return (r / boxRows) * boxRows + c / boxCols; }

    /** Bands (groups of {@code boxRows} rows). */
    public int bands() { return n / boxRows; }

    /** Stacks (groups of {@code boxCols} columns). */
    public int stacks() { return n / boxCols; }

    /** "9x9". */
    public String label() { return n + "x" + n; }

    /** The shape of a board of {@code cells} cells (16, 36, 81). */
    public static SudokuShape ofCells(int cells) {
        return switch (cells) {
            case 16 -> of(4);
            case 36 -> of(6);
            case 81 -> of(9);
            default -> throw new IllegalArgumentException(cells + " characters is not a 4x4, 6x6 or 9x9 Sudoku");
        };
    }
}
