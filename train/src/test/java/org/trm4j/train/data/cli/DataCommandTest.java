package org.trm4j.train.data.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.cli.SubcommandProvider;
import org.trm4j.train.data.BadDataException;
import org.trm4j.train.data.DataSet;
import org.trm4j.train.data.MazeFiles;
import org.trm4j.train.data.MazeSets;
import org.trm4j.train.data.Progress;

import picocli.CommandLine;

class DataCommandTest {
    @TempDir Path tmp;

    /** Runs `trm data ARGS` as the launcher does (exceptions become one "trm: ..." line, exit 1): {rc, out, err}. */
    static String[] run(String... args) {
        CommandLine cl = new CommandLine(new DataCommand());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> { cmd.getErr().println("trm: " + e.getMessage()); return 1; });
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), out.toString(), err.toString()};
    }

    @Test void registeredAsData() {
        assertTrue(ServiceLoader.load(SubcommandProvider.class).stream().anyMatch(p -> p.get().name().equals("data")));
    }

    @Test void helpWorksEverywhere() {
        for (String[] a : new String[][] {{"--help"}, {"build", "--help"}, {"show", "--help"}}) {
            String[] r = run(a);
            assertEquals("0", r[0]);
            assertTrue(r[1].startsWith("Usage: data"), r[1]);
        }
    }

    @Test void generatedSudokuBuildAndShow() throws IOException {
        Path out = tmp.resolve("s4");
        String[] r = run("build", "--task", "sudoku", "--generate", "20", "--board", "4", "--aug", "2", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("s4/train: 54 examples of 18 puzzles (2 augmentations), 4x4, vocab 11, seq_len 16, 1 puzzle ids"), r[1]);
        assertTrue(r[1].contains("s4/test: 2 examples of 2 puzzles (0 augmentations)"), r[1]);
        try (DataSet ds = DataSet.open(out.resolve("train"))) { assertEquals(54, ds.size()); }
        r = run("show", out.toString(), "-n", "2");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("task sudoku, 4x4, vocab 11, seq_len 16"), r[1]);
        assertTrue(r[1].contains("example 1: puzzle id 0, group 0"), r[1]);
        assertTrue(r[1].contains("->"), r[1]);
        assertEquals(2 * 4, r[1].lines().filter(l -> l.contains("|")).count(), "two examples of 4x4 boards side by side, 4 rows each");
        r = run("show", out.resolve("test").toString());
        assertTrue(r[1].contains("2 examples of 2 puzzles"), r[1]);
        try (Stream<Path> s = Files.list(tmp)) { assertEquals(1, s.count(), "no temporary directories"); }
    }

    @Test void sudokuFromFilesWithATestFile() throws IOException {
        String q = "4...3.......6..8..........1....5..9..8....6...7.2........1.27..5.3....4.9........";
        Path list = Files.writeString(tmp.resolve("list"), "# c\n" + q + "\n" + q.replace('.', '0') + "\n");
        Path out = tmp.resolve("s9");
        String[] r = run("build", "--task", "sudoku", "--input", list.toString(), "--test-input", list.toString(), "--aug", "1", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("s9/train: 4 examples of 2 puzzles"), r[1]);
        assertTrue(r[1].contains("s9/test: 2 examples of 2 puzzles"), r[1]);
        r = run("build", "--task", "sudoku", "--input", list.toString(), "--test-input", list.toString(), "--aug", "1", "--subsample", "1", "--out", out.toString());
        assertTrue(r[1].contains("s9/train: 2 examples of 1 puzzles"), "--subsample: " + r[1]);
        assertOneLine(run("build", "--task", "sudoku", "--input", list.toString(), "--min-rating", "1000000000", "--out", out.toString()), "list: no puzzles rated 1000000000 or more");
        BadDataException e = assertThrows(BadDataException.class, () -> DataSet.open(out));
        assertTrue(e.getMessage().contains("it is a build output: use " + out.resolve("train")), e.getMessage());
    }

    @Test void mazeFromCsv() throws IOException {
        Path csv = tmp.resolve("m.csv");
        MazeFiles.writeCsv(csv, MazeSets.generateMazes(10, 5, 8, 1, Progress.NONE));
        Path out = tmp.resolve("mz");
        String[] r = run("build", "--task", "maze", "--input", csv.toString(), "--test-fraction", "0.2", "--aug", "7", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("mz/train: 32 examples of 4 puzzles (7 augmentations), 10x10, vocab 6, seq_len 100"), r[1]);
        r = run("show", out.toString(), "-n", "1");
        assertTrue(r[1].contains("S") && r[1].contains("G") && r[1].contains("o"), r[1]);
    }

    @Test void arcFromChallenges() throws IOException {
        Files.writeString(tmp.resolve("a_challenges.json"), "{\"t1\": {\"train\": [{\"input\": [[1, 2]], \"output\": [[2, 1]]}], \"test\": [{\"input\": [[3, 4]]}]}}");
        Files.writeString(tmp.resolve("a_solutions.json"), "{\"t1\": [[[4, 3]]]}");
        Files.writeString(tmp.resolve("e_challenges.json"), "{\"t2\": {\"train\": [{\"input\": [[5]], \"output\": [[6]]}], \"test\": [{\"input\": [[7]]}]}}");
        Path out = tmp.resolve("arc");
        String[] r = run("build", "--task", "arc", "--input", tmp.resolve("a_challenges.json").toString(),
                "--test-input", tmp.resolve("e_challenges.json").toString(), "--aug", "2", "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("arc/train: 9 examples of 2 puzzles (2 augmentations), 30x30, vocab 12, seq_len 900, 7 puzzle ids"), r[1]);
        assertTrue(r[1].contains("arc/test: 3 examples of 1 puzzles"), r[1]);
        r = run("show", out.toString(), "--split", "test", "-n", "1");
        assertTrue(r[1].contains("example 0: puzzle id 4 (t2), group 0"), r[1]);
        r = run("build", "--task", "arc", "--input", tmp.resolve("e_challenges.json").toString(),
                "--test-input", tmp.resolve("e_challenges.json").toString(), "--out", tmp.resolve("x").toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("task t2 is in both"), r[2]);
    }

    @Test void userErrorsAreOneLineAndLeaveNothing() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.csv"), "source,question,answer,rating\nx,123,456,0\n");
        Path out = tmp.resolve("out");
        assertOneLine(run("build", "--task", "sudoku", "--input", bad.toString(), "--out", out.toString()), "bad.csv:2: 3 characters is not a 4x4, 6x6 or 9x9 Sudoku");
        assertOneLine(run("build", "--task", "sudoku", "--input", tmp.resolve("nope").toString(), "--out", out.toString()), "nope: no such file");
        assertOneLine(run("build", "--task", "maze", "--generate", "3", "--aug", "8", "--out", out.toString()), "--aug 8: a maze has 7 dihedral transforms");
        assertOneLine(run("build", "--task", "sudoku", "--generate", "3", "--board", "5", "--out", out.toString()), "Sudoku board size 5 is not supported");
        assertOneLine(run("build", "--task", "sudoku", "--out", out.toString()), "sudoku needs --input FILE or --generate N");
        assertOneLine(run("build", "--task", "sudoku", "--generate", "3", "--test-fraction", "1.5", "--out", out.toString()), "--test-fraction 1.5 is not in [0, 1)");
        assertOneLine(run("show", tmp.resolve("nothing").toString()), "no such data set directory");
        Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(tmp.resolve("mine/keep.txt"), "x");
        assertOneLine(run("build", "--task", "sudoku", "--generate", "3", "--board", "4", "--out", tmp.resolve("mine").toString()), "is not a trm4j data set");
        assertEquals("2", run("build", "--task", "chess", "--out", out.toString())[0], "picocli rejects an unknown task");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(java.util.Set.of("bad.csv", "mine"), s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()), "nothing half-written");
        }
    }

    private static void assertOneLine(String[] r, String part) {
        assertEquals("1", r[0], r[1] + r[2]);
        String err = r[2].lines().filter(l -> l.startsWith("trm: ")).findFirst().orElse("");
        assertTrue(err.contains(part), r[2]);
        assertFalse(r[2].contains("\tat "), "no stack trace: " + r[2]);
    }
}
