package org.trm4j.train.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.trm4j.kernels.Losses;

/** Examples held in memory (generated for a demo or a test); {@link #writeTo} saves them as a {@link DataSet}. */
public final class MemoryDataSet implements Examples {
    private final DataSetMeta meta;
    private final byte[] inputs, labels;
    private final int[] puzzleIds, groups;
    private final List<String> names;

    private MemoryDataSet(DataSetMeta meta, byte[] inputs, byte[] labels, int[] puzzleIds, int[] groups, List<String> names) {
        this.meta = meta;
        this.inputs = inputs;
        this.labels = labels;
        this.puzzleIds = puzzleIds;
        this.groups = groups;
        this.names = names;
    }

    /** Starts an in-memory data set. */
    public static Builder builder(String task, int vocabSize, int seqLen, String boardShape) {
        return new Builder(task, vocabSize, seqLen, boardShape);
    }

    @Override public DataSetMeta meta() { return meta; }

    @Override public int size() { return meta.examples(); }

    @Override public void inputs(int i, int[] dst, int off) {
        int s = meta.seqLen(), base = check(i) * s;
        for (int t = 0; t < s; t++) dst[off + t] = inputs[base + t] & 0xFF;
    }

    @Override public void labels(int i, int[] dst, int off) {
        int s = meta.seqLen(), base = check(i) * s;
        for (int t = 0; t < s; t++) dst[off + t] = labels[base + t];
    }

    @Override public int puzzleId(int i) { return puzzleIds[check(i)]; }

    @Override public int groupOf(int i) { return groups[check(i)]; }

    /** The name of puzzle identifier {@code id}, if names were given. */
    public Optional<String> puzzleName(int id) {
        return names != null && id >= 0 && id < names.size() ? Optional.of(names.get(id)) : Optional.empty();
    }

    /** Writes these examples as a data set in {@code dir} (atomically). */
    public void writeTo(Path dir) throws IOException {
        DataSetWriter.write(dir, meta.task(), meta.vocabSize(), meta.seqLen(), meta.boardShape(), w -> {
            int s = meta.seqLen();
            int[] in = new int[s], lab = new int[s];
            for (int i = 0; i < size(); i++) {
                inputs(i, in, 0);
                labels(i, lab, 0);
                w.add(in, lab, puzzleIds[i], groups[i]);
            }
            w.numPuzzleIdentifiers(meta.numPuzzleIdentifiers()).augmentations(meta.augmentations());
            if (names != null) w.puzzleNames(names);
        });
    }

    private int check(int i) {
        if (i < 0 || i >= meta.examples()) throw new IndexOutOfBoundsException("example " + i + " of " + meta.examples());
        return i;
    }

    /** Collects examples, checking tokens as {@link DataSetWriter} does. */
    public static final class Builder implements ExampleSink {
        private final String task, boardShape;
        private final int vocabSize, seqLen;
        private byte[] inputs = new byte[0], labels = new byte[0];
        private int[] puzzleIds = new int[0], groups = new int[0];
        private int n, maxId = -1, maxGroup = -1, numIds, augmentations;
        private List<String> names;

        private Builder(String task, int vocabSize, int seqLen, String boardShape) {
            new DataSetMeta(task, vocabSize, seqLen, 1, 0, 0, 0, boardShape); // validates
            this.task = task;
            this.vocabSize = vocabSize;
            this.seqLen = seqLen;
            this.boardShape = boardShape;
        }

        @Override public void add(int[] in, int[] lab, int puzzleId, int group) {
            if (puzzleId < 0 || group < 0) throw new IllegalArgumentException("negative puzzle id " + puzzleId + " or group " + group);
            if (n == puzzleIds.length) {
                int cap = Math.max(16, n * 2);
                inputs = Arrays.copyOf(inputs, cap * seqLen);
                labels = Arrays.copyOf(labels, cap * seqLen);
                puzzleIds = Arrays.copyOf(puzzleIds, cap);
                groups = Arrays.copyOf(groups, cap);
            }
            int base = n * seqLen;
            for (int t = 0; t < seqLen; t++) {
                int v = in[t], l = lab[t];
                if (v < 0 || v >= vocabSize) throw new IllegalArgumentException("input token " + v + " at " + t + " is outside vocab 0.." + (vocabSize - 1));
                if (l != Losses.IGNORE && (l < 0 || l >= vocabSize))
                    throw new IllegalArgumentException("label " + l + " at " + t + " is neither IGNORE nor in vocab 0.." + (vocabSize - 1));
                inputs[base + t] = (byte) v;
                labels[base + t] = (byte) l;
            }
            puzzleIds[n] = puzzleId;
            groups[n] = group;
            n++;
            maxId = Math.max(maxId, puzzleId);
            maxGroup = Math.max(maxGroup, group);
        }

        @Override public Builder numPuzzleIdentifiers(int k) { numIds = k; return this; }

        @Override public Builder augmentations(int k) { augmentations = k; return this; }

        @Override public Builder puzzleNames(List<String> k) { names = new ArrayList<>(k); return this; }

        /** The data set so far. */
        public MemoryDataSet build() {
            int ids = Math.max(numIds, Math.max(maxId + 1, 1));
            DataSetMeta m = new DataSetMeta(task, vocabSize, seqLen, ids, n, maxGroup + 1, augmentations, boardShape);
            return new MemoryDataSet(m, Arrays.copyOf(inputs, n * seqLen), Arrays.copyOf(labels, n * seqLen),
                    Arrays.copyOf(puzzleIds, n), Arrays.copyOf(groups, n), names == null ? null : List.copyOf(names));
        }
    }
}
