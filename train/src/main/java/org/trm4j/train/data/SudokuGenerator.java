package org.trm4j.train.data;

import java.util.random.RandomGenerator;

/**
 * Makes Sudoku puzzles with exactly one solution: a random full grid, then givens removed in random order as long
 * as the solution stays unique (so every remaining given is needed). The rating is the exact solver's dead-end count
 * while solving the result and proving it unique; {@code minRating} keeps drawing until a puzzle is at least that hard.
 */
public final class SudokuGenerator {
    private SudokuGenerator() {}

    /** One puzzle on {@code shape}, with rating at least {@code minRating} (0 = any); gives up after {@code maxTries}. */
    public static SudokuPuzzle generate(SudokuShape shape, RandomGenerator rnd, long minRating, int maxTries) {
        SudokuPuzzle best = null;
        for (int t = 0; t < Math.max(1, maxTries); t++) {
            SudokuPuzzle p = generate(shape, rnd);
            if (best == null || p.rating() > best.rating()) best = p;
            if (p.rating() >= minRating) return p;
        }
        throw new IllegalArgumentException("no " + shape.label() + " Sudoku with rating >= " + minRating + " in " + maxTries
                + " tries (hardest: " + best.rating() + "); lower --min-rating");
    }

    /** One puzzle on {@code shape} with a unique solution. */
    public static SudokuPuzzle generate(SudokuShape shape, RandomGenerator rnd) {
        int[] full = SudokuSolver.solveRandomly(new int[shape.cells()], shape, 1, rnd).first();
        int[] puzzle = full.clone();
        for (int cell : SudokuTransform.permutation(shape.cells(), rnd)) {
            int keep = puzzle[cell];
            puzzle[cell] = 0;
            if (SudokuSolver.solve(puzzle, shape, 2).solutions() != 1) puzzle[cell] = keep;
        }
        long rating = SudokuSolver.solve(puzzle, shape, 2).deadEnds();
        return new SudokuPuzzle("generated-" + shape.label(), shape, puzzle, full, rating);
    }
}
