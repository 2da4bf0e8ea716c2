package org.trm4j.train.data;

/** Examples to train or test on, on disk ({@link DataSet}) or in memory ({@link MemoryDataSet}). */
public interface Examples {
    /** The metadata (vocab, seq_len, puzzle identifiers, counts). */
    DataSetMeta meta();

    /** The number of examples. */
    int size();

    /** Copies example {@code i}'s input tokens to {@code dst[off .. off+seqLen)}. */
    void inputs(int i, int[] dst, int off);

    /** Copies example {@code i}'s labels to {@code dst[off .. off+seqLen)}; -100 marks a position without loss. */
    void labels(int i, int[] dst, int off);

    /** Example {@code i}'s puzzle identifier (row of the puzzle embedding). */
    int puzzleId(int i);

    /** The index of the original puzzle example {@code i} came from (augmented copies share it). */
    int groupOf(int i);
}
