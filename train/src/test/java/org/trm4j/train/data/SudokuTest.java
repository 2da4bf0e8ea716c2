package org.trm4j.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SudokuTest {
    @TempDir Path tmp;

    static final String Q = "4...3.......6..8..........1....5..9..8....6...7.2........1.27..5.3....4.9........";
    static final SudokuShape S9 = SudokuShape.of(9);

    @Test void tokensAreTheReferences() {
        int[] q = SudokuGrid.parse(Q, S9, true);
        int[] t = SudokuGrid.toTokens(q);
        assertEquals(5, t[0], "digit 4 -> token 5");
        assertEquals(1, t[1], "blank -> token 1");
        assertArrayEquals(q, SudokuGrid.fromTokens(t, 0, 81));
        assertArrayEquals(q, SudokuGrid.parse(Q.replace('.', '0'), S9, true), "'0' is a blank too");
    }

    @Test void solverFindsTheUniqueSolution() {
        int[] q = SudokuGrid.parse(Q, S9, true);
        SudokuSolver.Result r = SudokuSolver.solve(q, S9, 2);
        assertEquals(1, r.solutions());
        assertNull(SudokuGrid.checkSolution(q, r.first(), S9));
        int[] fewer = q.clone();
        fewer[0] = 0;
        fewer[4] = 0;
        assertEquals(2, SudokuSolver.solve(fewer, S9, 2).solutions(), "two givens fewer: several solutions");
        int[] clash = q.clone();
        clash[1] = 4;
        assertEquals(0, SudokuSolver.solve(clash, S9, 2).solutions(), "a repeated digit: none");
    }

    @ParameterizedTest @ValueSource(ints = {4, 6, 9})
    void transformsKeepSudokusValidAndInvert(int n) {
        SudokuShape s = SudokuShape.of(n);
        SplittableRandom rnd = new SplittableRandom(n);
        SudokuPuzzle p = SudokuGenerator.generate(s, rnd);
        boolean sawTranspose = false;
        for (int i = 0; i < 50; i++) {
            SudokuTransform t = SudokuTransform.random(s, rnd);
            sawTranspose |= t.transpose();
            SudokuPuzzle q = p.transformed(t);
            assertNull(SudokuGrid.checkSolution(q.question(), q.answer(), s));
            assertArrayEquals(p.question(), t.invert(q.question()));
            assertArrayEquals(p.answer(), t.invert(q.answer()));
            assertEquals(1, SudokuSolver.solve(q.question(), s, 2).solutions());
            assertEquals(blanks(p.question()), blanks(q.question()), "blanks stay blanks");
        }
        assertEquals(n != 6, sawTranspose, "transpose only on square boxes");
        assertArrayEquals(p.answer(), SudokuTransform.identity(s).apply(p.answer()));
    }

    @Test void transformIsTheReferencesIndexing() {
        // out[r][c] = map[t[rowPerm[r]][colPerm[c]]], t = transposed grid
        int[] g = new int[81];
        for (int i = 0; i < 81; i++) g[i] = i % 9 + 1;
        int[] map = {0, 2, 3, 4, 5, 6, 7, 8, 9, 1};
        int[] rows = {3, 4, 5, 0, 1, 2, 6, 7, 8}, cols = {2, 1, 0, 3, 4, 5, 6, 7, 8};
        int[] out = new SudokuTransform(S9, map, true, rows, cols).apply(g);
        for (int r = 0; r < 9; r++) for (int c = 0; c < 9; c++) assertEquals(map[g[cols[c] * 9 + rows[r]]], out[r * 9 + c]);
    }

    @ParameterizedTest @ValueSource(ints = {4, 6, 9})
    void everyGeneratedPuzzleHasExactlyOneSolution(int n) {
        SudokuShape s = SudokuShape.of(n);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < (n == 9 ? 5 : 30); i++) {
            SudokuPuzzle p = SudokuGenerator.generate(s, rnd);
            SudokuSolver.Result r = SudokuSolver.solve(p.question(), s, 3);
            assertEquals(1, r.solutions());
            assertArrayEquals(p.answer(), r.first());
            assertNull(SudokuGrid.checkSolution(p.question(), p.answer(), s));
            assertTrue(p.rating() >= 0);
            for (int k = 0; k < p.question().length; k++) {
                if (p.question()[k] == 0) continue;
                int[] fewer = p.question().clone();
                fewer[k] = 0;
                assertTrue(SudokuSolver.solve(fewer, s, 2).solutions() > 1, "every given is needed");
            }
        }
    }

    @Test void minimumRatingIsKept() {
        SplittableRandom rnd = new SplittableRandom(8);
        SudokuPuzzle p = SudokuGenerator.generate(S9, rnd, 2, 500);
        assertTrue(p.rating() >= 2, "rating " + p.rating());
        assertEquals(p.rating(), SudokuSolver.solve(p.question(), S9, 2).deadEnds(), "the rating is the solver's dead ends");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SudokuGenerator.generate(SudokuShape.of(4), rnd, 1_000_000, 5));
        assertTrue(e.getMessage().startsWith("no 4x4 Sudoku with rating >= 1000000 in 5 tries"), e.getMessage());
    }

    @Test void generatedSetsAreDeterministicAndEncoded() {
        MemoryDataSet a = SudokuSets.generate(4, 3, 2, 7), b = SudokuSets.generate(4, 3, 2, 7);
        assertEquals(new DataSetMeta("sudoku", 11, 16, 1, 9, 3, 2, "4x4"), a.meta());
        int[] x = new int[16], y = new int[16];
        for (int i = 0; i < a.size(); i++) {
            a.inputs(i, x, 0);
            b.inputs(i, y, 0);
            assertArrayEquals(x, y);
            assertEquals(i / 3, a.groupOf(i));
            assertEquals(0, a.puzzleId(i));
            a.labels(i, y, 0);
            for (int k = 0; k < 16; k++) {
                assertTrue(y[k] >= 2 && y[k] <= 5, "labels are digits 2..5");
                assertTrue(x[k] == 1 || x[k] == y[k], "inputs are blanks or the label");
            }
        }
    }

    @Test void csvLoads() throws IOException {
        String a = solution(Q);
        Path f = write("ok.csv", "source,question,answer,rating\npuzzles3," + Q + "," + a + ",12\r\nx," + Q.replace('.', '0') + "," + a + ",0\n");
        List<SudokuPuzzle> ps = SudokuFiles.readCsv(f, 0);
        assertEquals(2, ps.size());
        assertEquals("puzzles3", ps.get(0).source());
        assertEquals(12, ps.get(0).rating());
        assertArrayEquals(ps.get(0).question(), ps.get(1).question());
        assertEquals(1, SudokuFiles.readCsv(f, 1).size(), "limit");
        assertEquals(2, SudokuFiles.read(f, 0, Progress.NONE).size(), "detected as CSV");
    }

    @Test void csvRefusesBadRowsWithFileAndLine() throws IOException {
        String a = solution(Q);
        String h = "source,question,answer,rating\n";
        bad("h.csv", "question,answer\n", "h.csv:1: header is 'question,answer'");
        bad("short.csv", h + "s," + Q.substring(1) + "," + a + ",0\n", "short.csv:2: 80 characters is not a 4x4, 6x6 or 9x9 Sudoku");
        bad("len.csv", h + "s," + Q + "," + a + ",0\ns," + Q + "1," + a + ",0\n", "len.csv:3: expected 81 characters for a 9x9 Sudoku, got 82");
        bad("char.csv", h + "s," + Q.replace("4...", "4.x.") + "," + a + ",0\n", "char.csv:2: unknown character 'x' at position 3");
        bad("ans.csv", h + "s," + Q + "," + a.replace(a.charAt(1), '.') + ",0\n", "ans.csv:2: answer: blank '.'");
        bad("wrong.csv", h + "s," + Q + "," + swapFirstTwo(a) + ",0\n", "wrong.csv:2: the answer has");
        bad("fields.csv", h + "s," + Q + "," + a + "\n", "fields.csv:2: 3 fields, expected 4");
        bad("rating.csv", h + "s," + Q + "," + a + ",hard\n", "rating.csv:2: rating 'hard' is not an integer");
        bad("empty.csv", "", "empty.csv: no puzzles");
        bad("none.csv", h, "none.csv: no puzzles");
        BadDataException e = assertThrows(BadDataException.class, () -> SudokuFiles.readCsv(tmp.resolve("missing.csv"), 0));
        assertTrue(e.getMessage().endsWith("missing.csv: no such file"), e.getMessage());
    }

    @Test void linesAreSolvedAndBadPuzzlesRefused() throws IOException {
        Path f = write("list", "# comment\n" + Q + "\r\n\n" + Q.replace('.', '0') + "\n");
        List<SudokuPuzzle> ps = SudokuFiles.readLines(f, 0, Progress.NONE);
        assertEquals(2, ps.size());
        assertEquals(solution(Q), SudokuGrid.format(ps.get(0).answer()));
        assertEquals("list", ps.get(0).source());
        String several = "." + Q.substring(1, 4) + "." + Q.substring(5);
        bad("several", Q + "\n" + several + "\n", "several:2: the puzzle has more than one solution");
        bad("none", "# c\n44" + Q.substring(2) + "\n", "none:2: the puzzle has no solution");
        bad("wronglen", Q + "\n" + Q + "..\n", "wronglen:2: expected 81 characters");
        bad("odd", "123\n", "odd:1: 3 characters is not a 4x4, 6x6 or 9x9 Sudoku");
    }

    private void bad(String name, String content, String part) throws IOException {
        Path f = write(name, content);
        BadDataException e = assertThrows(BadDataException.class, () -> SudokuFiles.read(f, 0, Progress.NONE));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static String solution(String q) {
        return SudokuGrid.format(SudokuSolver.solve(SudokuGrid.parse(q, S9, true), S9, 1).first());
    }

    private static long blanks(int[] g) { return java.util.Arrays.stream(g).filter(v -> v == 0).count(); }

    private static String swapFirstTwo(String a) { return "" + a.charAt(1) + a.charAt(0) + a.substring(2); }
}
