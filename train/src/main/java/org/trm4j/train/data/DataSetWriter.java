package org.trm4j.train.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.trm4j.kernels.Losses;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes a data set ({@link DataSet} describes the files) example by example into {@code DIR.tmp-*};
 * {@link #close()} writes the metadata and renames the directory to {@code DIR}; {@link #abort()} (or an
 * exception inside {@link #write}) removes it instead, so nothing half-written is left behind.
 */
public final class DataSetWriter implements ExampleSink, AutoCloseable {
    private final AtomicDir dir;
    private final String task;
    private final int vocabSize;
    private final int seqLen;
    private final String boardShape;
    private final OutputStream inputs, labels, puzzleIds, groups;
    private final byte[] row;
    private final byte[] word = new byte[4];
    private int examples;
    private int maxPuzzleId = -1;
    private int maxGroup = -1;
    private int numPuzzleIdentifiers;
    private int augmentations;
    private List<String> puzzleNames;
    private boolean closed;

    private DataSetWriter(AtomicDir dir, String task, int vocabSize, int seqLen, String boardShape) throws IOException {
        this.dir = dir;
        this.task = task;
        this.vocabSize = vocabSize;
        this.seqLen = seqLen;
        this.boardShape = boardShape;
        this.row = new byte[seqLen];
        Path p = dir.path();
        inputs = new BufferedOutputStream(Files.newOutputStream(p.resolve(DataSet.INPUTS_FILE)), 1 << 16);
        labels = new BufferedOutputStream(Files.newOutputStream(p.resolve(DataSet.LABELS_FILE)), 1 << 16);
        puzzleIds = new BufferedOutputStream(Files.newOutputStream(p.resolve(DataSet.PUZZLE_IDS_FILE)), 1 << 14);
        groups = new BufferedOutputStream(Files.newOutputStream(p.resolve(DataSet.GROUPS_FILE)), 1 << 14);
    }

    /** Starts a data set at {@code dir} (written to a temporary sibling until closed). */
    public static DataSetWriter create(Path dir, String task, int vocabSize, int seqLen, String boardShape) throws IOException {
        new DataSetMeta(task, vocabSize, seqLen, 1, 0, 0, 0, boardShape); // validates the arguments
        AtomicDir d = AtomicDir.begin(dir);
        try {
            return new DataSetWriter(d, task, vocabSize, seqLen, boardShape);
        } catch (IOException | RuntimeException e) {
            d.abort();
            throw e;
        }
    }

    /** What a body of {@link #write} does with the writer; may throw. */
    @FunctionalInterface public interface Body { void accept(DataSetWriter w) throws IOException; }

    /** Creates, fills with {@code body} and closes a data set; on any exception the unfinished directory is removed. */
    public static Path write(Path dir, String task, int vocabSize, int seqLen, String boardShape, Body body) throws IOException {
        DataSetWriter w = create(dir, task, vocabSize, seqLen, boardShape);
        try {
            body.accept(w);
        } catch (IOException | RuntimeException | Error e) {
            w.abort();
            throw e;
        }
        w.close();
        return w.dir.target();
    }

    /**
     * Appends one example: {@code seqLen} input tokens and labels starting at {@code off} ({@link Losses#IGNORE} marks
     * a label without loss), its puzzle identifier (row of the puzzle embedding) and its group (the original puzzle).
     */
    public void add(int[] in, int inOff, int[] lab, int labOff, int puzzleId, int group) throws IOException {
        if (closed) throw new IllegalStateException("data set writer is closed");
        if (puzzleId < 0 || group < 0) throw new IllegalArgumentException("negative puzzle id " + puzzleId + " or group " + group);
        for (int t = 0; t < seqLen; t++) {
            int v = in[inOff + t];
            if (v < 0 || v >= vocabSize) throw new IllegalArgumentException("input token " + v + " at " + t + " is outside vocab 0.." + (vocabSize - 1));
            row[t] = (byte) v;
        }
        inputs.write(row);
        for (int t = 0; t < seqLen; t++) {
            int v = lab[labOff + t];
            if (v != Losses.IGNORE && (v < 0 || v >= vocabSize))
                throw new IllegalArgumentException("label " + v + " at " + t + " is neither IGNORE nor in vocab 0.." + (vocabSize - 1));
            row[t] = (byte) v;
        }
        labels.write(row);
        writeInt(puzzleIds, puzzleId);
        writeInt(groups, group);
        examples++;
        maxPuzzleId = Math.max(maxPuzzleId, puzzleId);
        maxGroup = Math.max(maxGroup, group);
    }

    /** {@link #add(int[], int, int[], int, int, int)} with whole arrays. */
    @Override public void add(int[] in, int[] lab, int puzzleId, int group) throws IOException { add(in, 0, lab, 0, puzzleId, group); }

    /** At least this many puzzle identifiers (e.g. a test split sharing the training split's embedding table). */
    @Override public DataSetWriter numPuzzleIdentifiers(int n) { numPuzzleIdentifiers = n; return this; }

    /** The number of augmented copies made of each puzzle, for the metadata. */
    @Override public DataSetWriter augmentations(int n) { augmentations = n; return this; }

    /** Names of the puzzle identifiers (index = id), written to {@code identifiers.txt}; ARC's carry the augmentation. */
    @Override public DataSetWriter puzzleNames(List<String> names) { puzzleNames = List.copyOf(names); return this; }

    /** Examples written so far. */
    public int size() { return examples; }

    /** Removes the unfinished data set. */
    public void abort() {
        if (closed) return;
        closed = true;
        for (OutputStream s : new OutputStream[] {inputs, labels, puzzleIds, groups}) {
            try { s.close(); } catch (IOException ignored) { /* the directory goes anyway */ }
        }
        dir.abort();
    }

    /** Writes {@code meta.json} and renames the directory to its final name. */
    @Override public void close() throws IOException {
        if (closed) return;
        try {
            for (OutputStream s : new OutputStream[] {inputs, labels, puzzleIds, groups}) s.close();
            int ids = Math.max(numPuzzleIdentifiers, Math.max(maxPuzzleId + 1, 1));
            if (puzzleNames != null && puzzleNames.size() < ids)
                throw new IllegalStateException(puzzleNames.size() + " puzzle names for " + ids + " puzzle identifiers");
            DataSetMeta meta = new DataSetMeta(task, vocabSize, seqLen, ids, examples, maxGroup + 1, augmentations, boardShape);
            if (puzzleNames != null)
                Files.write(dir.path().resolve(DataSet.NAMES_FILE), (String.join("\n", puzzleNames) + "\n").getBytes(StandardCharsets.UTF_8));
            Files.writeString(dir.path().resolve(DataSet.META_FILE), metaJson(meta));
            dir.commit();
            closed = true;
        } catch (IOException | RuntimeException e) {
            closed = false;
            abort();
            throw e;
        }
    }

    static String metaJson(DataSetMeta m) throws IOException {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", DataSet.FORMAT);
        j.put("version", DataSet.VERSION);
        j.put("task", m.task());
        j.put("vocab_size", m.vocabSize());
        j.put("seq_len", m.seqLen());
        j.put("num_puzzle_identifiers", m.numPuzzleIdentifiers());
        j.put("examples", m.examples());
        j.put("puzzles", m.puzzles());
        j.put("augmentations", m.augmentations());
        j.put("board_shape", m.boardShape());
        j.put("pad_id", 0);
        j.put("ignore_label", Losses.IGNORE);
        j.put("files", Map.of("inputs", DataSet.INPUTS_FILE + ": uint8 [examples, seq_len]",
                "labels", DataSet.LABELS_FILE + ": int8 [examples, seq_len], -100 = no loss",
                "puzzle_ids", DataSet.PUZZLE_IDS_FILE + ": int32 little-endian [examples]",
                "groups", DataSet.GROUPS_FILE + ": int32 little-endian [examples], index of the original puzzle"));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(j) + "\n";
    }

    private void writeInt(OutputStream s, int v) throws IOException {
        word[0] = (byte) v;
        word[1] = (byte) (v >>> 8);
        word[2] = (byte) (v >>> 16);
        word[3] = (byte) (v >>> 24);
        s.write(word);
    }
}
