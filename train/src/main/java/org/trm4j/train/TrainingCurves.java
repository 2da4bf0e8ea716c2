package org.trm4j.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws a run's curves ({@link CurveChart}) where this Java runtime can: a trm4j bundle's jlinked runtime leaves out
 * java.desktop (Java2D, 15 MiB), and a run must not fail for want of a picture. This class names no AWT type, so it
 * loads everywhere; {@link CurveChart} is touched only when java.desktop is there.
 */
public final class TrainingCurves {
    private TrainingCurves() {}

    /** Whether charts can be drawn here (the java.desktop module is in the boot layer). */
    public static boolean drawable() { return ModuleLayer.boot().findModule("java.desktop").isPresent(); }

    /** Draws RUN_DIR/curves.png; returns its path, or "not drawn (why)" (the metrics stay in metrics.jsonl). */
    public static String draw(Path runDir, String title) { return draw(runDir, title, drawable()); }

    static String draw(Path runDir, String title, boolean drawable) {
        if (!drawable) return "not drawn (this Java runtime has no java.desktop module; the curves are in " + runDir.resolve(MetricsLog.FILE) + ")";
        try {
            return CurveChart.write(runDir, title).toString();
        } catch (IOException | RuntimeException e) {
            return "not drawn (" + e.getMessage() + ")";
        }
    }

    /** Loads Java2D now where it is there ({@link CurveChart#warmUp}); nothing otherwise. */
    public static void warmUp() {
        if (drawable()) CurveChart.warmUp();
    }
}
