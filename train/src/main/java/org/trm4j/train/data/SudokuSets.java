package org.trm4j.train.data;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Sudoku data sets as the reference's builder makes them: each puzzle, then {@code aug} augmented copies of it
 * ({@link SudokuTransform}), all with puzzle identifier 0 and the puzzle's index as group.
 */
public final class SudokuSets {
    private SudokuSets() {}

    /** The task name in the metadata. */
    public static final String TASK = "sudoku";

    /** {@code puzzles} generated puzzles of {@code boardSize} (4, 6, 9) with {@code aug} copies each, in memory. */
    public static MemoryDataSet generate(int boardSize, int puzzles, int aug, long seed) {
        SudokuShape shape = SudokuShape.of(boardSize);
        List<SudokuPuzzle> list = generatePuzzles(shape, puzzles, 0, seed, Progress.NONE);
        MemoryDataSet.Builder b = builder(shape);
        try {
            encode(list, aug, seed + 1, b, Progress.NONE);
        } catch (IOException e) {
            throw new AssertionError("memory sink does not do I/O", e);
        }
        return b.build();
    }

    /** {@code count} generated puzzles with ratings of at least {@code minRating}; the same for a seed however many cores run. */
    public static List<SudokuPuzzle> generatePuzzles(SudokuShape shape, int count, long minRating, long seed, Progress progress) {
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) seeds[i] = root.nextLong();
        SudokuPuzzle[] out = new SudokuPuzzle[count];
        progress.start("generating " + count + " Sudoku " + shape.label(), count);
        Parallel.forEach(count, i -> {
            out[i] = SudokuGenerator.generate(shape, new SplittableRandom(seeds[i]), minRating, 1000);
            progress.step();
        });
        progress.end();
        return List.of(out);
    }

    /** An in-memory builder with Sudoku's vocab and sequence length for {@code shape}. */
    public static MemoryDataSet.Builder builder(SudokuShape shape) {
        return MemoryDataSet.builder(TASK, SudokuShape.VOCAB, shape.cells(), shape.label());
    }

    /** Writes {@code puzzles} and {@code aug} random copies of each to {@code sink}; groups are the puzzles' indices. */
    public static void encode(List<SudokuPuzzle> puzzles, int aug, long seed, ExampleSink sink, Progress progress) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        progress.start("encoding " + puzzles.size() + " Sudoku x " + (1 + aug), puzzles.size());
        for (int g = 0; g < puzzles.size(); g++) {
            SudokuPuzzle p = puzzles.get(g);
            sink.add(p.inputTokens(), p.labelTokens(), 0, g);
            for (int a = 0; a < aug; a++) {
                SudokuPuzzle t = p.transformed(SudokuTransform.random(p.shape(), rnd));
                sink.add(t.inputTokens(), t.labelTokens(), 0, g);
            }
            progress.step();
        }
        progress.end();
        sink.augmentations(aug).numPuzzleIdentifiers(1);
    }
}
