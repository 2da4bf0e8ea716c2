package org.trm4j.infer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.infer.LoadedModel;

import picocli.CommandLine;

/** `trm demo --quick` end to end (the CI run), and the held-out split never repeating a training board. */
class DemoCommandTest {
    @TempDir Path dir;

    @Test
    void quickDemoTrainsSavesScoresShowsAndCharts() throws Exception {
        Path run = dir.resolve("run");
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new DemoCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        long t0 = System.nanoTime();
        assertEquals(0, cl.execute("--quick", "--out", run.toString()), err.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String o = out.toString();
        System.out.println(o + "\n(" + seconds + " s)");
        assertTrue(o.contains("training on java"), o);
        Matcher m = Pattern.compile("held-out puzzles solved exactly: (\\d+\\.\\d)% \\((\\d+) of 100\\)").matcher(o);
        assertTrue(m.find(), o);
        assertEquals(Double.parseDouble(m.group(1)), Integer.parseInt(m.group(2)), 0.051);
        assertTrue(o.contains("step " + DemoCommand.config().haltMaxSteps() + ": q_halt"), o);
        assertTrue(o.matches("(?s).*\\n(valid solution|not a valid solution).*"), o);
        assertTrue(Files.size(run.resolve("curves.png")) > 1000);
        assertTrue(o.contains("training curve: " + run.resolve("curves.png")), o);
        assertEquals(DemoCommand.config(), LoadedModel.open(run.resolve("checkpoint.safetensors"), null, null).config());
    }

    @Test
    void heldOutBoardsAreNeverTrainingBoards() {
        DemoData d = DemoData.generate(4, 300, 3, 100, 8, 5);
        assertEquals(1200, d.train().size());
        assertEquals(100, d.test().size());
        Set<String> train = new HashSet<>();
        int[] b = new int[16];
        for (int i = 0; i < d.train().size(); i++) { d.train().inputs(i, b, 0); train.add(Arrays.toString(b)); }
        Set<String> test = new HashSet<>();
        for (int i = 0; i < d.test().size(); i++) {
            d.test().inputs(i, b, 0);
            assertTrue(test.add(Arrays.toString(b)), "repeated held-out board");
            int givens = 0;
            for (int t : b) if (t > 1) givens++;
            assertTrue(givens >= 8, "held-out board " + i + " has " + givens + " givens");
            assertTrue(!train.contains(Arrays.toString(b)), "held-out board " + i + " is a training board");
        }
    }
}
