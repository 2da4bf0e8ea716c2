package org.trm4j.train.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.cli.SubcommandProvider;
import org.trm4j.train.CurveChart;
import org.trm4j.train.MetricsLog;
import org.trm4j.train.RunCheckpoint;
import org.trm4j.train.data.SudokuSets;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

/** `trm train` end to end on a small 4x4 Sudoku set, and its user errors (one line, non-zero exit). */
class TrainCommandTest {
    @TempDir Path dir;
    Path data;

    @BeforeEach void dataSet() throws Exception {
        data = dir.resolve("sudoku4");
        SudokuSets.generate(4, 8, 1, 1).writeTo(data.resolve("train"));
        SudokuSets.generate(4, 4, 0, 2).writeTo(data.resolve("test"));
    }

    /** Runs `trm train ARGS` as the launcher does: {rc, stderr}. */
    static String[] run(String... args) {
        CommandLine cl = new CommandLine(new TrainCommand());
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("trm: " + e.getMessage());
            return 1;
        });
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), err.toString()};
    }

    @Test void aDataRunWritesMetricsChartAndCheckpointAndResumes() throws Exception {
        Path out = dir.resolve("run");
        String[] r = run("--data", data.toString(), "--preset", "tiny-att", "--batch", "4", "--micro-batch", "2", "--steps", "6",
                "--eval-every", "3", "--eval-max", "4", "--lr-warmup", "2", "--device", "java", "--out", out.toString());
        assertEquals("0", r[0], r[1]);
        List<JsonNode> lines = MetricsLog.read(out);
        assertEquals(6, lines.stream().filter(n -> n.path("kind").asText().equals("train")).count());
        assertEquals(2, lines.stream().filter(n -> n.path("kind").asText().equals("eval")).count());
        JsonNode first = lines.get(0);
        assertEquals(1, first.path("step").asLong());
        assertEquals(0.5e-4, first.path("lr").asDouble(), 1e-12, "warm-up: step 1 of 2");
        assertTrue(first.path("loss").asDouble() > 0);
        assertTrue(Files.size(out.resolve(CurveChart.FILE)) > 1000, "the chart");
        assertEquals(6, RunCheckpoint.load(out.resolve(RunCheckpoint.FILE)).step());

        String[] again = run("--data", data.toString(), "--preset", "tiny-att", "--steps", "6", "--device", "java", "--out", out.toString());
        assertEquals("1", again[0]);
        assertTrue(again[1].contains("already holds a run"), again[1]);

        String[] resumed = run("--data", data.toString(), "--resume", out.toString(), "--steps", "8", "--device", "java");
        assertEquals("0", resumed[0], resumed[1]);
        assertEquals(8, RunCheckpoint.load(out.resolve(RunCheckpoint.FILE)).step());
        assertEquals(8, MetricsLog.read(out).stream().filter(n -> n.path("kind").asText().equals("train")).count());
    }

    @Test void userErrorsAreOneLine() {
        String[][] cases = {
                {"no data", "give --data DIR or --batch-file F"},
                {"--data", dir.resolve("nope").toString(), "--preset", "tiny-att", "--steps", "2", "--out", dir.resolve("r").toString(), "trm: "},
                {"--data", "D", "--recipe", "sudoku-hard", "--out", dir.resolve("r2").toString(), "unknown recipe 'sudoku-hard'"},
                {"--data", "D", "--preset", "tiny-att", "--steps", "2", "--batch", "4", "--micro-batch", "3", "--device", "java", "--out", dir.resolve("r3").toString(), "--micro-batch must divide --batch 4"},
                {"--data", "D", "--resume", dir.resolve("none").toString(), "no checkpoint to resume"},
                {"--batch-file", dir.resolve("missing.safetensors").toString(), "--preset", "tiny-att", "--device", "java", "missing.safetensors: no such file"},
                {"--data", "D", "--preset", "tiny-att", "--steps", "2", "--device", "quantum:7", "--out", dir.resolve("r4").toString(), "--device quantum:7"},
        };
        for (String[] c : cases) {
            String want = c[c.length - 1];
            String[] args = java.util.Arrays.copyOf(c, c.length - 1);
            if (args.length == 1) args = new String[0];
            for (int i = 0; i < args.length; i++) if (args[i].equals("D")) args[i] = data.toString();
            String[] r = run(args);
            assertNotEquals("0", r[0], String.join(" ", args));
            assertTrue(r[1].contains(want), String.join(" ", args) + " -> " + r[1]);
            assertEquals(1, r[1].strip().lines().count(), "one line: " + r[1]);
        }
    }

    @Test void helpAndRegistration() {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("--help"));
        assertTrue(out.toString().contains("--micro-batch"), out.toString());
        assertTrue(out.toString().contains("--recipe"), out.toString());
        boolean found = false;
        for (SubcommandProvider p : ServiceLoader.load(SubcommandProvider.class))
            if (p.name().equals("train")) { found = true; assertInstanceOf(TrainCommand.class, p.command()); }
        assertTrue(found, "train is registered with the launcher");
    }
}
