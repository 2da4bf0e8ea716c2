package org.trm4j.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Charts where Java2D is, a plain note where it is not (a bundle's runtime): never a failed run. */
class TrainingCurvesTest {

    private static void metrics(Path dir) throws Exception {
        Files.writeString(dir.resolve(MetricsLog.FILE), """
                {"kind":"train","step":1,"loss":2.5,"count":8,"accuracy":0.1,"exact_accuracy":0.0}
                {"kind":"train","step":2,"loss":2.0,"count":8,"accuracy":0.2,"exact_accuracy":0.0}
                {"kind":"eval","step":2,"accuracy":0.25,"exact_accuracy":0.0}
                """);
    }

    @Test
    void withoutJavaDesktopTheChartIsSkippedWithTheReasonAndNoFile(@TempDir Path dir) throws Exception {
        metrics(dir);
        String said = TrainingCurves.draw(dir, "t", false);
        assertEquals("not drawn (this Java runtime has no java.desktop module; the curves are in " + dir.resolve(MetricsLog.FILE) + ")", said);
        assertFalse(Files.exists(dir.resolve(CurveChart.FILE)));
    }

    @Test
    void withJavaDesktopTheChartIsDrawn(@TempDir Path dir) throws Exception {
        assertTrue(TrainingCurves.drawable(), "the test JDK has java.desktop");
        metrics(dir);
        assertEquals(dir.resolve(CurveChart.FILE).toString(), TrainingCurves.draw(dir, "t"));
        assertTrue(Files.size(dir.resolve(CurveChart.FILE)) > 1000);
    }

    @Test
    void aRunWithoutMetricsSaysWhyInsteadOfThrowing(@TempDir Path dir) {
        assertTrue(TrainingCurves.draw(dir, "t").startsWith("not drawn ("));
    }
}
