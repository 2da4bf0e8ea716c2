package org.trm4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Horizontal bar charts, one panel per measured quantity, as one self-contained SVG file (no library, no fonts to ship). */
public final class SvgChart {
    private record Bar(String label, double value, String series) {}

    private record Panel(String title, String unit, List<Bar> bars) {}

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f"};
    private final List<Panel> panels = new ArrayList<>();
    private final List<String> series = new ArrayList<>();
    private final String title;

    public SvgChart(String title) { this.title = title; }

    /** Starts a panel; the bars added next belong to it. */
    public SvgChart panel(String panelTitle, String unit) {
        panels.add(new Panel(panelTitle, unit, new ArrayList<>()));
        return this;
    }

    /** A bar of the last panel; bars of the same {@code series} (a device, OpenBLAS, PyTorch) share a colour. */
    public SvgChart bar(String label, double value, String seriesName) {
        if (panels.isEmpty()) throw new IllegalStateException("no panel");
        if (!series.contains(seriesName)) series.add(seriesName);
        if (Double.isFinite(value)) panels.getLast().bars().add(new Bar(label, value, seriesName));
        return this;
    }

    public boolean isEmpty() { return panels.stream().allMatch(p -> p.bars().isEmpty()); }

    public String svg() {
        int width = 900, labelW = 330, barW = 470, rowH = 16, y = 40;
        StringBuilder body = new StringBuilder();
        for (Panel p : panels) {
            if (p.bars().isEmpty()) continue;
            double max = p.bars().stream().mapToDouble(Bar::value).max().orElse(1);
            body.append(text(10, y, p.title() + " (" + p.unit() + ")", "bold", "start"));
            y += 8;
            for (Bar b : p.bars()) {
                double w = max <= 0 ? 0 : barW * b.value() / max;
                body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                        labelW, y, Math.max(0.5, w), rowH - 3, COLOURS[series.indexOf(b.series()) % COLOURS.length]));
                body.append(text(labelW - 6, y + rowH - 5, b.label(), "normal", "end"));
                body.append(text((int) (labelW + w + 4), y + rowH - 5, Table.num(b.value()), "normal", "start"));
                y += rowH;
            }
            y += 22;
        }
        int legendY = y;
        for (int i = 0; i < series.size(); i++) {
            int x = 10 + (i % 4) * 220, ly = legendY + (i / 4) * 18;
            body.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", x, ly, COLOURS[i % COLOURS.length]));
            body.append(text(x + 16, ly + 10, series.get(i), "normal", "start"));
        }
        int height = legendY + ((series.size() + 3) / 4) * 18 + 10;
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" font-family=\"sans-serif\" font-size=\"11\">\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + text(10, 20, title, "bold", "start") + body + "</svg>\n";
    }

    private static String text(int x, int y, String s, String weight, String anchor) {
        String esc = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-weight=\"" + weight + "\" text-anchor=\"" + anchor + "\">" + esc + "</text>\n";
    }
}
