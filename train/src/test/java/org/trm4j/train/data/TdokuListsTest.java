package org.trm4j.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our solver on a sample of each real tdoku list: every puzzle has exactly one solution, which obeys the rules. */
class TdokuListsTest {
    static final Path DIR = Path.of("/work/shared/data/sudoku/tdoku");

    @ParameterizedTest @ValueSource(strings = {"puzzles2_17_clue", "puzzles3_magictour_top1465", "puzzles5_forum_hardest_1905_11+"})
    void sampleSolvesUniquely(String name) throws IOException {
        Path f = DIR.resolve(name);
        if (!Files.isRegularFile(f)) return; // the shared data folder only exists on the project's machines
        List<SudokuPuzzle> ps = SudokuFiles.read(f, 150, Progress.NONE);
        assertEquals(150, ps.size());
        SudokuShape s9 = SudokuShape.of(9);
        for (SudokuPuzzle p : ps) {
            assertEquals(name, p.source());
            assertNull(SudokuGrid.checkSolution(p.question(), p.answer(), s9));
            assertEquals(1, SudokuSolver.solve(p.question(), s9, 3).solutions());
        }
        if (name.startsWith("puzzles2")) assertTrue(ps.stream().allMatch(p -> 81 - blanks(p) == 17), "17 givens each");
        if (name.startsWith("puzzles5")) assertTrue(ps.stream().mapToLong(SudokuPuzzle::rating).max().orElse(0) > 0, "hard ones need search");
    }

    private static long blanks(SudokuPuzzle p) { return java.util.Arrays.stream(p.question()).filter(v -> v == 0).count(); }
}
