package org.trm4j.train.data;

/** A Sudoku with its solution: where it came from, question and answer as digits (0 = blank), and its rating. */
public record SudokuPuzzle(String source, SudokuShape shape, int[] question, int[] answer, long rating) {
    public SudokuPuzzle {
        if (question.length != shape.cells() || answer.length != shape.cells())
            throw new IllegalArgumentException("question/answer of " + question.length + "/" + answer.length + " cells on a " + shape.label() + " board");
    }

    /** Input tokens (blank 1, digits 2..n+1), as the reference's builder writes them. */
    public int[] inputTokens() { return SudokuGrid.toTokens(question); }

    /** Label tokens (digits 2..n+1; every cell carries loss). */
    public int[] labelTokens() { return SudokuGrid.toTokens(answer); }

    /** The same puzzle under {@code t}. */
    public SudokuPuzzle transformed(SudokuTransform t) { return new SudokuPuzzle(source, shape, t.apply(question), t.apply(answer), rating); }
}
