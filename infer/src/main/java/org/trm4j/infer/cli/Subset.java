package org.trm4j.infer.cli;

import org.trm4j.train.data.DataSetMeta;
import org.trm4j.train.data.Examples;

/** The first {@code n} examples of a set. */
record Subset(Examples all, int n) implements Examples {
    static Examples first(Examples all, int n) { return new Subset(all, Math.min(n, all.size())); }

    @Override public DataSetMeta meta() {
        DataSetMeta m = all.meta();
        return new DataSetMeta(m.task(), m.vocabSize(), m.seqLen(), m.numPuzzleIdentifiers(), n, m.puzzles(), m.augmentations(), m.boardShape());
    }
    @Override public int size() { return n; }
    @Override public void inputs(int i, int[] dst, int off) { all.inputs(check(i), dst, off); }
    @Override public void labels(int i, int[] dst, int off) { all.labels(check(i), dst, off); }
    @Override public int puzzleId(int i) { return all.puzzleId(check(i)); }
    @Override public int groupOf(int i) { return all.groupOf(check(i)); }

    private int check(int i) {
        if (i < 0 || i >= n) throw new IndexOutOfBoundsException("example " + i + " of " + n);
        return i;
    }
}
