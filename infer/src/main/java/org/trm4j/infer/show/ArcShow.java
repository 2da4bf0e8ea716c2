package org.trm4j.infer.show;

import org.trm4j.train.data.Grid;

/**
 * ARC grids for people: on a colour terminal each cell is a block in the ARC palette (ANSI 256 colours), otherwise
 * the colour digits 0-9. Colours are used only when stdout is a terminal, TERM is not "dumb" and NO_COLOR is unset.
 */
public final class ArcShow {
    private ArcShow() {}

    /** The ARC palette as xterm-256 colour numbers: black, blue, red, green, yellow, grey, magenta, orange, azure, maroon. */
    static final int[] PALETTE = {16, 27, 196, 40, 226, 245, 201, 208, 45, 88};

    /** Whether this process should print colours. */
    public static boolean colourTerminal() {
        var con = System.console();
        String term = System.getenv("TERM");
        return con != null && con.isTerminal() && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb");
    }

    /** The grid as text: coloured blocks ({@code colour}) or digits separated by spaces. */
    public static String grid(Grid g, boolean colour) {
        if (g.rows() == 0 || g.cols() == 0) return "(empty)\n";
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                int v = g.at(r, c);
                if (colour) b.append("\u001b[48;5;").append(PALETTE[v]).append("m  ");
                else b.append(c > 0 ? " " : "").append((char) ('0' + v));
            }
            if (colour) b.append("\u001b[0m");
            b.append('\n');
        }
        return b.toString();
    }
}
