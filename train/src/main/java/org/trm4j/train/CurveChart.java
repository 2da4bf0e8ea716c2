package org.trm4j.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RUN_DIR/curves.png from RUN_DIR/metrics.jsonl: the training loss (top) and the training accuracy, exact accuracy
 * and the evaluations' exact accuracy (bottom) against the step.
 */
public final class CurveChart {
    private CurveChart() {}

    public static final String FILE = "curves.png";

    /**
     * Loads Java2D and its fonts now: initialising them during JVM shutdown (the chart written after Ctrl-C) fails,
     * as they register shutdown hooks of their own.
     */
    public static void warmUp() {
        System.setProperty("java.awt.headless", "true");
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setFont(JFreeChart.DEFAULT_TITLE_FONT);
        g.drawString("0", 1, 7);
        g.dispose();
        try {
            javax.imageio.ImageIO.write(img, "png", java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Draws the chart of the run in {@code runDir}; returns the file. */
    public static Path write(Path runDir, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<JsonNode> lines = MetricsLog.read(runDir);
        XYSeries loss = new XYSeries("loss"), acc = new XYSeries("train token accuracy"), exact = new XYSeries("train exact accuracy"),
                evalAcc = new XYSeries("eval token accuracy"), evalExact = new XYSeries("eval exact accuracy");
        for (JsonNode n : lines) {
            long step = n.path("step").asLong();
            if ("train".equals(n.path("kind").asText())) {
                add(loss, step, n.path("loss"));
                if (n.path("count").asInt() > 0) {
                    add(acc, step, n.path("accuracy"));
                    add(exact, step, n.path("exact_accuracy"));
                }
            } else if ("eval".equals(n.path("kind").asText())) {
                add(evalAcc, step, n.path("accuracy"));
                add(evalExact, step, n.path("exact_accuracy"));
            }
        }
        NumberAxis stepAxis = new NumberAxis("step");
        stepAxis.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(stepAxis);
        NumberAxis lossAxis = new NumberAxis("loss per example");
        lossAxis.setAutoRangeIncludesZero(false);
        plot.add(new XYPlot(new XYSeriesCollection(loss), null, lossAxis, renderer(false)), 1);
        XYSeriesCollection accs = new XYSeriesCollection();
        accs.addSeries(acc);
        accs.addSeries(exact);
        accs.addSeries(evalAcc);
        accs.addSeries(evalExact);
        NumberAxis accAxis = new NumberAxis("accuracy");
        accAxis.setRange(0, 1.02);
        XYLineAndShapeRenderer r = renderer(true);
        plot.add(new XYPlot(accs, null, accAxis, r), 1);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Path f = runDir.resolve(FILE), tmp = runDir.resolve("." + FILE + ".tmp");
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 1000, 700);
        Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        return f;
    }

    private static void add(XYSeries s, long step, JsonNode v) {
        if (v.isNumber() && Double.isFinite(v.asDouble())) s.add(step, v.asDouble());
    }

    /** Lines; the evaluation series (3rd and 4th) with dots, as they have few points. */
    private static XYLineAndShapeRenderer renderer(boolean evalDots) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        Color[] colors = evalDots ? new Color[] {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)}
                : new Color[] {new Color(0xd62728)};
        for (int i = 0; i < colors.length; i++) r.setSeriesPaint(i, colors[i]);
        for (int i = 0; i < 4; i++) r.setSeriesStroke(i, new BasicStroke(1.5f));
        if (evalDots) { r.setSeriesShapesVisible(2, true); r.setSeriesShapesVisible(3, true); }
        return r;
    }
}
