package org.trm4j.train.data;

import java.io.IOException;

/** Where a builder puts examples: a {@link DataSetWriter} (disk) or a {@link MemoryDataSet.Builder}. */
public interface ExampleSink {
    /** Appends one example: {@code seqLen} input tokens and labels (-100 = no loss), its puzzle identifier and group. */
    void add(int[] inputs, int[] labels, int puzzleId, int group) throws IOException;

    /** At least this many puzzle identifiers (a split sharing another split's embedding table). */
    ExampleSink numPuzzleIdentifiers(int n);

    /** The number of augmented copies made of each puzzle, for the metadata. */
    ExampleSink augmentations(int n);

    /** Names of the puzzle identifiers (index = id). */
    ExampleSink puzzleNames(java.util.List<String> names);
}
