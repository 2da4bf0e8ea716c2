package org.trm4j.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.infer.TinySudokuModel;
import org.trm4j.infer.show.SudokuShow;
import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuShape;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** `trm solve` with a tiny checkpoint trained in the test: the boards, the steps, JSON, the validity check, errors. */
class SolveCommandTest {
    @TempDir static Path dir;
    static Path ckpt;

    @BeforeAll
    static void train() throws Exception {
        ckpt = TinySudokuModel.checkpoint();
    }

    record Run(int code, String out, String err) {}

    static Run solve(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new SolveCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, c, p) -> { c.getErr().println("trm: " + e.getMessage()); return 1; });
        String[] all = new String[args.length + 4];
        all[0] = "--checkpoint"; all[1] = ckpt.toString(); all[2] = "--device"; all[3] = "java";
        System.arraycopy(args, 0, all, 4, args.length);
        return new Run(cl.execute(all), out.toString(), err.toString());
    }

    @Test
    void printsTheSolutionOfAKnownBoard() {
        Run r = solve(TinySudokuModel.PUZZLES[0]);
        assertEquals(0, r.code(), r.err());
        SudokuShape s = TinySudokuModel.SHAPE;
        String expected = SudokuShow.boards(SudokuGrid.parse(TinySudokuModel.PUZZLES[0], s, true), SudokuGrid.parse(TinySudokuModel.SOLUTIONS[0], s, false), s);
        assertTrue(r.out().startsWith(expected), r.out());
        // The answer board's first row: the known solution, with the box separator.
        assertTrue(r.out().contains("1 2 | 3 4"), r.out());
        assertTrue(r.out().contains("valid solution, consistent with the 12 givens (the known solution)"), r.out());
    }

    @Test
    void showsEveryStepWithItsQHalt() {
        Run r = solve("--show-steps", TinySudokuModel.PUZZLES[1]);
        assertEquals(0, r.code(), r.err());
        Matcher m = Pattern.compile("(?m)^step (\\d): q_halt [+-]\\d+\\.\\d{3} \\((would halt|continue)\\)").matcher(r.out());
        int steps = 0;
        while (m.find()) assertEquals(++steps, Integer.parseInt(m.group(1)));
        assertEquals(TinySudokuModel.config().haltMaxSteps(), steps, r.out());
        assertTrue(r.out().contains("cells changed"), r.out());
    }

    @Test
    void jsonHasTheAnswerTheVerdictAndTheSteps() throws Exception {
        Run r = solve("--json", "--show-steps", TinySudokuModel.PUZZLES[2]);
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode p = j.get("puzzles").get(0);
        assertEquals(TinySudokuModel.SOLUTIONS[2], p.get("answer").asText());
        assertTrue(p.get("valid").asBoolean());
        assertTrue(p.get("known_solution").asBoolean());
        assertEquals(4, p.get("steps").size());
        assertEquals(TinySudokuModel.SOLUTIONS[2], p.get("steps").get(3).get("answer").asText());
        assertEquals(1, j.get("valid").asInt());
    }

    @Test
    void solvesAFileOfPuzzles() throws Exception {
        Path f = dir.resolve("puzzles.txt");
        Files.writeString(f, "# three 4x4\n" + String.join("\n", TinySudokuModel.PUZZLES) + "\n");
        Run r = solve("--file", f.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("3 of 3 puzzles solved (valid solutions)"), r.out());
    }

    @Test
    void validityCheckNamesWhatIsWrong() {
        SudokuShape s = TinySudokuModel.SHAPE;
        int[] q = SudokuGrid.parse(TinySudokuModel.PUZZLES[0], s, true);
        assertNull(SudokuShow.problem(q, SudokuGrid.parse("1234341221434321", s, false), s));
        // Rows and boxes fine but a given changed: 2 at position 1 where the puzzle gives 1 (columns swapped 1<->2).
        assertEquals("the answer has 2 at position 1 where the question gives 1", SudokuShow.problem(q, SudokuGrid.parse("2134431212343412", s, false), s));
        assertEquals("the answer repeats 4 in row 1", SudokuShow.problem(new int[16], SudokuGrid.parse("1244341221434321", s, false), s));
        assertEquals("the answer has a blank at position 2", SudokuShow.problem(q, SudokuGrid.parse("1.34341221434321", s, true), s));
        assertTrue(SudokuShow.verdict(q, SudokuGrid.parse("1244341221434321", s, false), s).startsWith("not a valid solution: "));
    }

    @Test
    void userErrorsAreOneLine() {
        Run wrongSize = solve("5.....2.8..1..3......4.......6.....9.2....7..3.....1.......5......7..8..4.1.....6");
        assertEquals(1, wrongSize.code());
        assertTrue(wrongSize.err().contains("the model takes 16 tokens, a 9x9 Sudoku has 81"), wrongSize.err());
        assertEquals(1, wrongSize.err().strip().lines().count());
        Run badChar = solve("1.34.41x21.343.1");
        assertEquals(1, badChar.code());
        assertTrue(badChar.err().contains("unknown character 'x' at position 8"), badChar.err());
        Run missing = solve("--file", dir.resolve("nope.txt").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.txt"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }
}
