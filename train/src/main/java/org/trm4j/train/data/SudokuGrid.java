package org.trm4j.train.data;

/** Sudoku grids as int arrays of digits (0 = blank), row-major; text form and the reference's tokens. */
public final class SudokuGrid {
    private SudokuGrid() {}

    /**
     * Parses {@code n*n} characters: digits 1..n, and {@code .} or {@code 0} for a blank when {@code blanksAllowed}.
     * @throws IllegalArgumentException naming the length or the first bad character
     */
    public static int[] parse(String s, SudokuShape shape, boolean blanksAllowed) {
        if (s.length() != shape.cells())
            throw new IllegalArgumentException("expected " + shape.cells() + " characters for a " + shape.label() + " Sudoku, got " + s.length());
        int[] g = new int[shape.cells()];
        for (int i = 0; i < g.length; i++) {
            char ch = s.charAt(i);
            if (ch == '.' || ch == '0') {
                if (!blanksAllowed) throw new IllegalArgumentException("blank '" + ch + "' at position " + (i + 1) + " in a solution");
                g[i] = 0;
            } else if (ch >= '1' && ch <= '0' + shape.n()) {
                g[i] = ch - '0';
            } else {
                throw new IllegalArgumentException("unknown character '" + printable(ch) + "' at position " + (i + 1)
                        + " (digits 1.." + shape.n() + ", '.' or '0' for blank)");
            }
        }
        return g;
    }

    /** The text form: digits and {@code .} for blanks. */
    public static String format(int[] g) {
        StringBuilder b = new StringBuilder(g.length);
        for (int v : g) b.append(v == 0 ? '.' : (char) ('0' + v));
        return b.toString();
    }

    /** The reference's tokens: digit + 1 (blank 1, digits 2..n+1). */
    public static int[] toTokens(int[] g) {
        int[] t = new int[g.length];
        for (int i = 0; i < g.length; i++) t[i] = g[i] + 1;
        return t;
    }

    /** Digits from tokens (token - 1; PAD and out-of-range tokens become blank). */
    public static int[] fromTokens(int[] t, int off, int cells) {
        int[] g = new int[cells];
        for (int i = 0; i < cells; i++) {
            int v = t[off + i] - 1;
            g[i] = v >= 0 && v <= 9 ? v : 0;
        }
        return g;
    }

    /** Whether {@code solution} is a full grid obeying the rules and agreeing with every given of {@code puzzle}. */
    public static String checkSolution(int[] puzzle, int[] solution, SudokuShape shape) {
        int n = shape.n();
        for (int i = 0; i < solution.length; i++) {
            if (solution[i] < 1 || solution[i] > n) return "the answer has a blank at position " + (i + 1);
            if (puzzle[i] != 0 && puzzle[i] != solution[i])
                return "the answer has " + solution[i] + " at position " + (i + 1) + " where the question gives " + puzzle[i];
        }
        int[] row = new int[n], col = new int[n], box = new int[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int bit = 1 << solution[r * n + c];
                int b = shape.box(r, c);
                if ((row[r] & bit) != 0) return "the answer repeats " + solution[r * n + c] + " in row " + (r + 1);
                if ((col[c] & bit) != 0) return "the answer repeats " + solution[r * n + c] + " in column " + (c + 1);
                if ((box[b] & bit) != 0) return "the answer repeats " + solution[r * n + c] + " in box " + (b + 1);
                row[r] |= bit;
                col[c] |= bit;
                box[b] |= bit;
            }
        }
        return null;
    }

    /** The grid as rows of digits with box separators, for {@code trm data show}. */
    public static String board(int[] g, SudokuShape shape) {
        int n = shape.n();
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < n; r++) {
            if (r > 0 && r % shape.boxRows() == 0) {
                for (int c = 0; c < n; c++) b.append(c > 0 && c % shape.boxCols() == 0 ? "-+-" : c > 0 ? "-" : "").append('-');
                b.append('\n');
            }
            for (int c = 0; c < n; c++) {
                if (c > 0) b.append(c % shape.boxCols() == 0 ? " | " : " ");
                int v = g[r * n + c];
                b.append(v == 0 ? '.' : (char) ('0' + v));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String printable(char ch) {
        return ch >= 0x20 && ch < 0x7F ? String.valueOf(ch) : String.format("\\u%04x", (int) ch);
    }
}
