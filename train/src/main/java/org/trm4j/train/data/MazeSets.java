package org.trm4j.train.data;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Maze data sets as the reference's builder makes them: each maze's tokens as input, the solved maze as labels,
 * puzzle identifier 0; augmentation adds dihedral transforms 1..aug (at most 7) of each maze, in the maze's group.
 */
public final class MazeSets {
    private MazeSets() {}

    /** The task name in the metadata. */
    public static final String TASK = "maze";

    /** {@code mazes} generated mazes of side {@code n} ({@code hard}: long paths) with {@code aug} transforms each, in memory. */
    public static MemoryDataSet generate(int n, int mazes, int aug, boolean hard, long seed) {
        List<MazePuzzle> list = generateMazes(n, mazes, hard ? MazeGenerator.hardMinPath(n) : 1, seed, Progress.NONE);
        MemoryDataSet.Builder b = MemoryDataSet.builder(TASK, MazeGrid.VOCAB, n * n, n + "x" + n);
        try {
            encode(list, aug, b, Progress.NONE);
        } catch (IOException e) {
            throw new AssertionError("memory sink does not do I/O", e);
        }
        return b.build();
    }

    /** The fraction of removable walls knocked out to make loops (so that "shortest" means something). */
    static final double LOOPS = 0.05;

    /** {@code count} mazes of side {@code n} with paths of at least {@code minPath} steps; the same for a seed however many cores run. */
    public static List<MazePuzzle> generateMazes(int n, int count, int minPath, long seed, Progress progress) {
        MazeGenerator.check(n, minPath);
        SplittableRandom root = new SplittableRandom(seed);
        long[] seeds = new long[count];
        for (int i = 0; i < count; i++) seeds[i] = root.nextLong();
        MazePuzzle[] out = new MazePuzzle[count];
        progress.start("generating " + count + " mazes " + n + "x" + n, count);
        Parallel.forEach(count, i -> {
            out[i] = MazeGenerator.generate(n, minPath, LOOPS, new SplittableRandom(seeds[i]));
            progress.step();
        });
        progress.end();
        return List.of(out);
    }

    /** Writes {@code mazes} and their dihedral transforms 1..{@code aug} to {@code sink}. */
    public static void encode(List<MazePuzzle> mazes, int aug, ExampleSink sink, Progress progress) throws IOException {
        if (aug < 0 || aug > Dihedral.COUNT - 1) throw new IllegalArgumentException("maze augmentation " + aug + " is not in 0..7 (the dihedral transforms)");
        progress.start("encoding " + mazes.size() + " mazes x " + (1 + aug), mazes.size());
        for (int g = 0; g < mazes.size(); g++) {
            for (int t = 0; t <= aug; t++) {
                MazePuzzle m = mazes.get(g).transformed(t);
                sink.add(m.question().cells(), m.answer().cells(), 0, g);
            }
            progress.step();
        }
        progress.end();
        sink.augmentations(aug).numPuzzleIdentifiers(1);
    }
}
