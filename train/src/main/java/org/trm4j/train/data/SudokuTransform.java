package org.trm4j.train.data;

import java.util.random.RandomGenerator;

/**
 * One of the reference's Sudoku augmentations: relabel digits by a permutation of 1..n (blank stays blank), optionally
 * transpose (square boxes only), then reorder rows (bands, and rows inside each band) and columns (stacks, and
 * columns inside each stack). Applied as the reference does: {@code out[r][c] = map[t[rowPerm[r]][colPerm[c]]]},
 * where {@code t} is the grid, transposed if chosen. Every such transform keeps a valid Sudoku valid.
 */
public record SudokuTransform(SudokuShape shape, int[] digitMap, boolean transpose, int[] rowPerm, int[] colPerm) {

    /** The identity. */
    public static SudokuTransform identity(SudokuShape shape) {
        int n = shape.n();
        int[] map = new int[n + 1], rows = new int[n], cols = new int[n];
        for (int i = 0; i <= n; i++) map[i] = i;
        for (int i = 0; i < n; i++) rows[i] = cols[i] = i;
        return new SudokuTransform(shape, map, false, rows, cols);
    }

    /** A random transform, drawn as the reference's {@code shuffle_sudoku} draws it. */
    public static SudokuTransform random(SudokuShape shape, RandomGenerator rnd) {
        int n = shape.n();
        int[] perm = permutation(n, rnd);
        int[] map = new int[n + 1];
        for (int d = 1; d <= n; d++) map[d] = perm[d - 1] + 1;
        boolean transpose = shape.boxRows() == shape.boxCols() && rnd.nextDouble() < 0.5;
        return new SudokuTransform(shape, map, transpose, blockPermutation(shape.bands(), shape.boxRows(), rnd),
                blockPermutation(shape.stacks(), shape.boxCols(), rnd));
    }

    /** A permutation of {@code blocks} blocks of {@code size}, each block's members permuted too. */
    private static int[] blockPermutation(int blocks, int size, RandomGenerator rnd) {
        int[] order = permutation(blocks, rnd), p = new int[blocks * size];
        for (int b = 0; b < blocks; b++) {
            int[] inner = permutation(size, rnd);
            for (int k = 0; k < size; k++) p[b * size + k] = order[b] * size + inner[k];
        }
        return p;
    }

    static int[] permutation(int n, RandomGenerator rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The transformed grid of digits (0 = blank). */
    public int[] apply(int[] g) {
        int n = shape.n();
        int[] out = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int sr = rowPerm[r], sc = colPerm[c];
                int v = transpose ? g[sc * n + sr] : g[sr * n + sc];
                out[r * n + c] = digitMap[v];
            }
        }
        return out;
    }

    /** The grid that {@link #apply} maps to {@code out}: {@code invert(apply(g)) == g}. */
    public int[] invert(int[] out) {
        int n = shape.n();
        int[] inverseMap = new int[n + 1];
        for (int d = 0; d <= n; d++) inverseMap[digitMap[d]] = d;
        int[] g = new int[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                int sr = rowPerm[r], sc = colPerm[c];
                int v = inverseMap[out[r * n + c]];
                if (transpose) g[sc * n + sr] = v; else g[sr * n + sc] = v;
            }
        }
        return g;
    }
}
