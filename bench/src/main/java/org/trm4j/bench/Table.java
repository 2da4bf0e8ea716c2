package org.trm4j.bench;

import java.util.ArrayList;
import java.util.List;

/** A table printed to the terminal and written to RESULTS.md alike: Markdown, which reads well in both. */
public final class Table {
    private final String title, caption;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String title, String caption, String... header) {
        this.title = title;
        this.caption = caption;
        this.header = List.of(header);
    }

    public Table row(String... cells) {
        if (cells.length != header.size()) throw new IllegalArgumentException("row of " + cells.length + " cells in a table of " + header.size());
        rows.add(List.of(cells));
        return this;
    }

    public boolean isEmpty() { return rows.isEmpty(); }

    /** "### title", the caption, and the table with columns padded for the terminal. */
    public String markdown() {
        int[] w = new int[header.size()];
        for (int i = 0; i < w.length; i++) w[i] = Math.max(3, header.get(i).length());
        for (List<String> r : rows) for (int i = 0; i < w.length; i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder sb = new StringBuilder("### ").append(title).append("\n\n");
        if (!caption.isBlank()) sb.append(caption).append("\n\n");
        line(sb, header, w);
        sb.append('|');
        for (int x : w) sb.append('-').append("-".repeat(x)).append("-|");
        sb.append('\n');
        for (List<String> r : rows) line(sb, r, w);
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] w) {
        sb.append('|');
        for (int i = 0; i < w.length; i++) sb.append(' ').append(cells.get(i)).append(" ".repeat(w[i] - cells.get(i).length())).append(" |");
        sb.append('\n');
    }

    /** Figures as the tables show them: 3 significant digits, no exponent for everyday magnitudes. */
    public static String num(double v) {
        if (Double.isNaN(v)) return "-";
        if (Double.isInfinite(v)) return "no copy";
        double a = Math.abs(v);
        if (a >= 100) return String.format(java.util.Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(java.util.Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(java.util.Locale.ROOT, "%.2f", v);
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }

    /** A roofline fraction as a percentage. */
    public static String pct(double f) {
        return Double.isNaN(f) ? "-" : String.format(java.util.Locale.ROOT, f < 0.1 ? "%.1f%%" : "%.0f%%", 100 * f);
    }
}
