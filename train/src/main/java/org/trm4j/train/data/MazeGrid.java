package org.trm4j.train.data;

/**
 * Mazes in the reference's text layout: N*N characters over {@code # SGo} (wall, open, start, goal, path), row-major.
 * Tokens are the reference's: PAD 0, then {@code #}=1, space=2, {@code S}=3, {@code G}=4, {@code o}=5 (vocab 6).
 */
public final class MazeGrid {
    private MazeGrid() {}

    /** The reference's character set, in token order from 1. */
    public static final String CHARSET = "# SGo";
    /** Vocabulary: PAD + the 5 characters. */
    public static final int VOCAB = CHARSET.length() + 1;
    /** Tokens of {@code #}, space, {@code S}, {@code G}, {@code o}. */
    public static final int WALL = 1, OPEN = 2, START = 3, GOAL = 4, PATH = 5;

    /** Tokens of a maze string; the side comes from its length, which must be a square. */
    public static Grid parse(String s) {
        int n = (int) Math.round(Math.sqrt(s.length()));
        if (n * n != s.length() || n == 0) throw new IllegalArgumentException(s.length() + " characters is not a square maze");
        int[] t = new int[s.length()];
        for (int i = 0; i < t.length; i++) {
            int k = CHARSET.indexOf(s.charAt(i));
            if (k < 0) throw new IllegalArgumentException("unknown character '" + SudokuGrid.printable(s.charAt(i)) + "' at position " + (i + 1)
                    + " (row " + (i / n + 1) + ", column " + (i % n + 1) + "; mazes use '#', ' ', 'S', 'G', 'o')");
            t[i] = k + 1;
        }
        return new Grid(n, n, t);
    }

    /** The text of a token grid (PAD shown as '?'). */
    public static String format(Grid g) {
        StringBuilder b = new StringBuilder(g.cells().length);
        for (int v : g.cells()) b.append(v >= 1 && v <= CHARSET.length() ? CHARSET.charAt(v - 1) : '?');
        return b.toString();
    }

    /** The grid as text rows, for {@code trm data show}. */
    public static String board(Grid g) {
        String s = format(g);
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < g.rows(); r++) b.append(s, r * g.cols(), (r + 1) * g.cols()).append('\n');
        return b.toString();
    }
}
