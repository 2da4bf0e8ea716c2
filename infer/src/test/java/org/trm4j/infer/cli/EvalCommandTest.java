package org.trm4j.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.infer.TinySudokuModel;
import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuSets;

import picocli.CommandLine;

/**
 * `trm eval` on a small data set whose scores are worked out by hand: the tiny model solves its three puzzles
 * (checked first with trm solve's test), and two more examples carry altered labels.
 */
class EvalCommandTest {
    @TempDir Path dir;

    static int[] tokens(String s, boolean blanks) { return SudokuGrid.toTokens(SudokuGrid.parse(s, TinySudokuModel.SHAPE, blanks)); }

    static String eval(Path ckpt, String... more) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new EvalCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, c, p) -> { c.getErr().println("trm: " + e.getMessage()); return 1; });
        String[] args = new String[more.length + 4];
        args[0] = "--checkpoint"; args[1] = ckpt.toString(); args[2] = "--device"; args[3] = "java";
        System.arraycopy(more, 0, args, 4, more.length);
        int code = cl.execute(args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test
    void scoresOfASmallSetByHand() throws Exception {
        MemoryDataSet.Builder b = SudokuSets.builder(TinySudokuModel.SHAPE);
        for (int i = 0; i < 3; i++) b.add(tokens(TinySudokuModel.PUZZLES[i], true), tokens(TinySudokuModel.SOLUTIONS[i], false), 0, i);
        // Puzzle 0 with two label cells changed: 14 of 16 right, not exact.
        int[] wrong2 = tokens(TinySudokuModel.SOLUTIONS[0], false);
        wrong2[1] = 5;
        wrong2[4] = 5;
        b.add(tokens(TinySudokuModel.PUZZLES[0], true), wrong2, 0, 3);
        // Puzzle 1 with only 8 cells scored, one of them wrong: 7 of 8.
        int[] partial = tokens(TinySudokuModel.SOLUTIONS[1], false);
        for (int t = 8; t < 16; t++) partial[t] = -100;
        partial[0] = 5;
        b.add(tokens(TinySudokuModel.PUZZLES[1], true), partial, 0, 4);
        // Nothing scored: not counted.
        int[] none = new int[16];
        Arrays.fill(none, -100);
        b.add(tokens(TinySudokuModel.PUZZLES[2], true), none, 0, 5);
        Path set = dir.resolve("set");
        b.build().writeTo(set);
        // Exact 3 of 5 = 60%; token (1 + 1 + 1 + 14/16 + 7/8) / 5 = 95%.
        for (String batch : new String[] {"4", "64"}) {
            String out = eval(TinySudokuModel.checkpoint(), "--data", set.toString(), "--batch", batch);
            assertTrue(out.contains("4x4 sudoku: 5 examples on java, 4 supervision steps each"), out);
            assertTrue(out.contains("exact accuracy   60.00%  (3 of 5)"), out);
            assertTrue(out.contains("token accuracy   95.00%"), out);
            assertTrue(out.matches("(?s).*mean steps\\s+[1-4]\\.\\d\\d .*"), out);
            assertTrue(out.matches("(?s).*speed\\s+\\d+\\.\\d puzzles/s.*"), out);
        }
    }

    @Test
    void aSudokuFile() throws Exception {
        Path f = dir.resolve("p.txt");
        Files.writeString(f, String.join("\n", TinySudokuModel.PUZZLES) + "\n");
        String out = eval(TinySudokuModel.checkpoint(), "--data", f.toString());
        assertTrue(out.contains("exact accuracy  100.00%  (3 of 3)"), out);
        assertTrue(out.contains("token accuracy  100.00%"), out);
    }
}
