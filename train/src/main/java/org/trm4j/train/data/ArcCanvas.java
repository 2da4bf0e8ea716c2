package org.trm4j.train.data;

import org.trm4j.kernels.Losses;

/**
 * The reference's 30x30 ARC canvas: PAD 0 everywhere, the grid's colours as 2..11 placed at (padR, padC), and EOS 1 on
 * the row below the grid and the column right of it (where they fit), across the grid's extent. Labels are the
 * output's canvas with PAD as {@link Losses#IGNORE}.
 */
public final class ArcCanvas {
    private ArcCanvas() {}

    /** The canvas side and its cells (the sequence length). */
    public static final int SIDE = ArcFiles.MAX_SIDE, CELLS = SIDE * SIDE;
    /** Tokens: padding, end of grid, and colour 0 (colour c is {@code COLOUR0 + c}). */
    public static final int PAD = 0, EOS = 1, COLOUR0 = 2;
    /** PAD, EOS and colours 0..9. */
    public static final int VOCAB = 12;

    /** The canvas of {@code g} with its top-left corner at (padR, padC). */
    public static int[] encode(Grid g, int padR, int padC) {
        if (padR < 0 || padC < 0 || padR + g.rows() > SIDE || padC + g.cols() > SIDE)
            throw new IllegalArgumentException("a " + g.shape() + " grid at (" + padR + ", " + padC + ") leaves the " + SIDE + "x" + SIDE + " canvas");
        int[] t = new int[CELLS];
        for (int r = 0; r < g.rows(); r++) for (int c = 0; c < g.cols(); c++) t[(padR + r) * SIDE + padC + c] = g.at(r, c) + COLOUR0;
        int eosRow = padR + g.rows(), eosCol = padC + g.cols();
        if (eosRow < SIDE) for (int c = padC; c < eosCol; c++) t[eosRow * SIDE + c] = EOS;
        if (eosCol < SIDE) for (int r = padR; r < eosRow; r++) t[r * SIDE + eosCol] = EOS;
        return t;
    }

    /** Labels from a canvas: PAD becomes IGNORE (the reference's ignore_label_id 0), EOS and colours stay. */
    public static int[] labels(int[] canvas) {
        int[] l = canvas.clone();
        for (int i = 0; i < l.length; i++) if (l[i] == PAD) l[i] = Losses.IGNORE;
        return l;
    }

    /** Labels for an unknown output: nothing carries loss. */
    public static int[] unknownLabels() {
        int[] l = new int[CELLS];
        java.util.Arrays.fill(l, Losses.IGNORE);
        return l;
    }

    /**
     * The grid a predicted canvas spells (the reference's evaluator crop): from the top-left, the largest rectangle of
     * colour tokens, each row's width cut at its first non-colour token. An empty grid (0x0) when (0, 0) is no colour.
     */
    public static Grid crop(int[] canvas, int off) {
        int maxArea = 0, bestR = 0, bestC = 0, numC = SIDE;
        for (int numR = 1; numR <= SIDE; numR++) {
            for (int c = 1; c <= numC; c++) {
                int x = canvas[off + (numR - 1) * SIDE + c - 1];
                if (x < COLOUR0 || x > COLOUR0 + 9) {
                    numC = c - 1;
                    break;
                }
            }
            int area = numR * numC;
            if (area > maxArea) {
                maxArea = area;
                bestR = numR;
                bestC = numC;
            }
        }
        int[] cells = new int[bestR * bestC];
        for (int r = 0; r < bestR; r++) for (int c = 0; c < bestC; c++) cells[r * bestC + c] = canvas[off + r * SIDE + c] - COLOUR0;
        return new Grid(bestR, bestC, cells);
    }

    /** The canvas as text rows: colours 0-9, '.' PAD, '|' EOS, for {@code trm data show}. */
    public static String board(int[] canvas, int off, boolean trim) {
        int rows = SIDE, cols = SIDE;
        if (trim) {
            rows = 0;
            cols = 0;
            for (int r = 0; r < SIDE; r++) for (int c = 0; c < SIDE; c++) {
                int v = canvas[off + r * SIDE + c];
                if (v != PAD && v != Losses.IGNORE) { rows = Math.max(rows, r + 1); cols = Math.max(cols, c + 1); }
            }
        }
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = canvas[off + r * SIDE + c];
                b.append(v == EOS ? '|' : v >= COLOUR0 && v <= COLOUR0 + 9 ? (char) ('0' + v - COLOUR0) : '.');
            }
            b.append('\n');
        }
        return b.toString();
    }
}
