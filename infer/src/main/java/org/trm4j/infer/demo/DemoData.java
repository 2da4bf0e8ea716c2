package org.trm4j.infer.demo;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.SudokuSets;
import org.trm4j.train.data.SudokuShape;

/**
 * The demo's puzzles: generated Sudokus with unique solutions ({@link SudokuSets#generate}: minimal puzzles, every
 * given needed) filled up with givens from their solutions to {@code givens} cells (more givens, an easier task:
 * the demo's size knob; the solution stays unique), for training with augmented copies; and held-out puzzles
 * generated from another seed, of which every one whose board appears anywhere in the training set (an original or
 * an augmented copy) is dropped, so the model is scored only on boards it never saw.
 *
 * @param train   the training examples
 * @param test    the held-out examples
 * @param dropped held-out candidates dropped because training (or an earlier held-out puzzle) had their board
 */
public record DemoData(MemoryDataSet train, MemoryDataSet test, int dropped) {

    /**
     * {@code trainPuzzles} x (1 + aug) training examples and {@code testPuzzles} held-out ones of a {@code size} x
     * {@code size} board with at least {@code givens} givens each (0 = the generator's minimal puzzles).
     */
    public static DemoData generate(int size, int trainPuzzles, int aug, int testPuzzles, int givens, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        MemoryDataSet train = withGivens(SudokuSets.generate(size, trainPuzzles, aug, seed), givens, rnd, null, null);
        Set<String> seen = new HashSet<>();
        int s = size * size;
        int[] buf = new int[s];
        for (int i = 0; i < train.size(); i++) {
            train.inputs(i, buf, 0);
            seen.add(Arrays.toString(buf));
        }
        MemoryDataSet.Builder b = SudokuSets.builder(SudokuShape.of(size));
        int[] dropped = {0};
        long testSeed = seed ^ 0x5DEECE66DL;
        while (b.build().size() < testPuzzles) {
            MemoryDataSet cand = SudokuSets.generate(size, testPuzzles, 0, testSeed++);
            withGivens(cand, givens, rnd, seen, new Keep(b, testPuzzles, dropped));
            if (dropped[0] > 100L * testPuzzles) throw new IllegalStateException("cannot find " + testPuzzles + " unseen " + size + "x" + size + " puzzles");
        }
        return new DemoData(train, b.build(), dropped[0]);
    }

    /** Where held-out examples go: into {@code b} until it has {@code max}, counting the dropped ones. */
    private record Keep(MemoryDataSet.Builder b, int max, int[] dropped) {}

    /** {@code ex} with blanks filled from the labels up to {@code givens} givens; into {@code keep} when given (new boards only). */
    private static MemoryDataSet withGivens(MemoryDataSet ex, int givens, SplittableRandom rnd, Set<String> seen, Keep keep) {
        int s = ex.meta().seqLen();
        MemoryDataSet.Builder out = keep != null ? keep.b() : MemoryDataSet.builder(ex.meta().task(), ex.meta().vocabSize(), s, ex.meta().boardShape());
        int[] in = new int[s], lab = new int[s];
        for (int i = 0; i < ex.size(); i++) {
            ex.inputs(i, in, 0);
            ex.labels(i, lab, 0);
            int have = 0;
            for (int t : in) if (t != SudokuShape.BLANK_TOKEN) have++;
            while (have < Math.min(givens, s)) {
                int c = rnd.nextInt(s);
                if (in[c] == SudokuShape.BLANK_TOKEN) { in[c] = lab[c]; have++; }
            }
            if (keep != null) {
                if (keep.b().build().size() >= keep.max()) break;
                if (!seen.add(Arrays.toString(in))) { keep.dropped()[0]++; continue; }
            }
            out.add(in.clone(), lab.clone(), ex.puzzleId(i), keep != null ? keep.b().build().size() : ex.groupOf(i));
        }
        if (keep != null) return null;
        return out.augmentations(ex.meta().augmentations()).numPuzzleIdentifiers(ex.meta().numPuzzleIdentifiers()).build();
    }
}
