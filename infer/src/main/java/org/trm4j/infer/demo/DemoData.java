package org.trm4j.infer.demo;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.SudokuSets;
import org.trm4j.train.data.SudokuShape;

/**
 * The demo's puzzles: generated Sudokus with unique solutions for training (with augmented copies), and held-out
 * puzzles generated from another seed of which every one whose givens appear anywhere in the training set (an
 * original or an augmented copy) is dropped, so the model is scored only on boards it never saw.
 *
 * @param train the training examples
 * @param test  the held-out examples
 * @param dropped held-out candidates dropped because training had them
 */
public record DemoData(MemoryDataSet train, MemoryDataSet test, int dropped) {

    /** {@code trainPuzzles} x (1 + aug) training examples and {@code testPuzzles} held-out ones of a {@code size} x {@code size} board. */
    public static DemoData generate(int size, int trainPuzzles, int aug, int testPuzzles, long seed) {
        MemoryDataSet train = SudokuSets.generate(size, trainPuzzles, aug, seed);
        int s = size * size;
        Set<String> seen = new HashSet<>();
        int[] buf = new int[s], lab = new int[s];
        for (int i = 0; i < train.size(); i++) {
            train.inputs(i, buf, 0);
            seen.add(Arrays.toString(buf));
        }
        MemoryDataSet.Builder b = SudokuSets.builder(SudokuShape.of(size));
        int dropped = 0, kept = 0;
        long testSeed = seed ^ 0x5DEECE66DL;
        while (kept < testPuzzles) {
            MemoryDataSet cand = SudokuSets.generate(size, testPuzzles, 0, testSeed++);
            for (int i = 0; i < cand.size() && kept < testPuzzles; i++) {
                cand.inputs(i, buf, 0);
                cand.labels(i, lab, 0);
                if (!seen.add(Arrays.toString(buf))) { dropped++; continue; }   // also drops repeats within the test set
                b.add(buf.clone(), lab.clone(), 0, kept++);
            }
            if (dropped > 100L * testPuzzles) throw new IllegalStateException("cannot find " + testPuzzles + " unseen " + size + "x" + size + " puzzles");
        }
        return new DemoData(train, b.build(), dropped);
    }
}
