package org.trm4j.train.data;

/**
 * What a data set holds: the task, the token vocabulary and sequence length the model must be built for,
 * the number of puzzle identifiers (rows of the puzzle embedding), how many examples and original puzzles
 * (groups) it has, how many augmented copies were made of each puzzle, and the board shape ("9x9", "30x30").
 */
public record DataSetMeta(String task, int vocabSize, int seqLen, int numPuzzleIdentifiers, int examples, int puzzles,
                          int augmentations, String boardShape) {
    public DataSetMeta {
        if (task == null || task.isBlank()) throw new IllegalArgumentException("data set task is missing");
        if (vocabSize < 2 || vocabSize > 127) throw new IllegalArgumentException("vocab size " + vocabSize + " is not in 2..127");
        if (seqLen < 1) throw new IllegalArgumentException("sequence length " + seqLen + " is not positive");
        if (numPuzzleIdentifiers < 1) throw new IllegalArgumentException("puzzle identifiers " + numPuzzleIdentifiers + " is not positive");
        if (examples < 0 || puzzles < 0 || augmentations < 0) throw new IllegalArgumentException("negative count in data set metadata");
    }
}
