package org.trm4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.cli.TrmRun;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `trm bench --quick`, CI's run of every part, into a temporary folder (never the committed bench/RESULTS.md). */
class BenchQuickTest {

    @Test void quickRunWritesEveryTableAndAChart(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("RESULTS.md"), "# Benchmark results\n\n## Earlier\n\nkept text\n");
        TrmRun r = TrmRun.of("bench", "--quick", "--out", tmp.toString());
        assertEquals(0, r.exit(), r.err());
        String md = Files.readString(tmp.resolve("RESULTS.md"));
        for (String table : new String[]{"### Device limits (measured)", "### Linear kernels at TRM's shapes", "### Training step: tiny-mlp, batch 2",
                "### Inference: tiny-mlp, batch 2"}) {
            assertTrue(md.contains(table), "missing " + table + " in\n" + md);
            assertTrue(r.out().contains(table), "not printed: " + table);
        }
        assertTrue(md.contains("kept text"), "the hand-written part must be kept");
        assertTrue(md.contains("Command: `trm bench --quick`") && md.contains("commit ") && md.contains("Devices:"), md);
        assertFalse(md.contains(tmp.toString()), "the output folder is not part of the recorded command");
        // every device row of every table carries a figure and a roofline percentage
        for (String line : md.lines().filter(l -> l.startsWith("| java ") || l.startsWith("| opencl:") || l.startsWith("| spirv:")).toList())
            assertFalse(line.contains("NaN"), line);
        assertTrue(md.lines().anyMatch(l -> l.startsWith("| tiny-mlp, 2") && l.contains("%")), md);
        var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(tmp.resolve("results.svg").toFile());
        assertEquals("svg", svg.getDocumentElement().getTagName());
        assertTrue(svg.getElementsByTagName("rect").getLength() > 10, "bars expected");
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "RESULTS.md and results.svg only, no temporary file left");
        }
    }
}
