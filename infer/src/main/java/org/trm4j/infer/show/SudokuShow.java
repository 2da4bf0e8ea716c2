package org.trm4j.infer.show;

import java.util.List;

import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuShape;

/** How a Sudoku and the model's answer are shown: boards with grid lines, and the verdict on the answer. */
public final class SudokuShow {
    private SudokuShow() {}

    /** The answer's digits from the model's tokens (token - 1; anything else is a blank). */
    public static int[] digits(int[] tokens, SudokuShape shape) { return SudokuGrid.fromTokens(tokens, 0, shape.cells()); }

    /** Puzzle and answer boards side by side. */
    public static String boards(int[] puzzle, int[] answer, SudokuShape shape) {
        return SideBySide.join(List.of("puzzle", "answer"), List.of(SudokuGrid.board(puzzle, shape), SudokuGrid.board(answer, shape)), 6);
    }

    /** Null when {@code answer} is a full grid obeying the rules and keeping every given; else what is wrong. */
    public static String problem(int[] puzzle, int[] answer, SudokuShape shape) {
        return SudokuGrid.checkSolution(puzzle, answer, shape);
    }

    /** One line: valid or what is wrong, and how many givens it keeps. */
    public static String verdict(int[] puzzle, int[] answer, SudokuShape shape) {
        int givens = 0;
        for (int v : puzzle) if (v != 0) givens++;
        String p = problem(puzzle, answer, shape);
        return p == null ? "valid solution, consistent with the " + givens + " givens" : "not a valid solution: " + p;
    }
}
