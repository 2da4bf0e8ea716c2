package org.trm4j.train.data;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A data set on disk, memory-mapped and read-only. A directory holds:
 * <ul>
 *   <li>{@code meta.json}: format, version, task, vocab_size, seq_len, num_puzzle_identifiers, examples, puzzles,
 *       augmentations, board_shape;</li>
 *   <li>{@code inputs.u8}: one byte per token, [examples, seq_len];</li>
 *   <li>{@code labels.i8}: one signed byte per token, [examples, seq_len], -100 = no loss;</li>
 *   <li>{@code puzzle_ids.i32}, {@code groups.i32}: little-endian int32 per example (puzzle-embedding row; original
 *       puzzle, numbered 0..puzzles-1, augmented copies sharing their original's);</li>
 *   <li>optionally {@code identifiers.txt}: the name of each puzzle identifier, one per line (ARC: task id and augmentation).</li>
 * </ul>
 * Safe to read from several threads.
 */
public final class DataSet implements Examples, AutoCloseable {
    static final String FORMAT = "trm4j-dataset";
    static final int VERSION = 1;
    static final String META_FILE = "meta.json", INPUTS_FILE = "inputs.u8", LABELS_FILE = "labels.i8",
            PUZZLE_IDS_FILE = "puzzle_ids.i32", GROUPS_FILE = "groups.i32", NAMES_FILE = "identifiers.txt";
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private final Path dir;
    private final DataSetMeta meta;
    private final Arena arena;
    private final MemorySegment inputs, labels, puzzleIds, groups;
    private volatile List<String> names;

    private DataSet(Path dir, DataSetMeta meta, Arena arena, MemorySegment inputs, MemorySegment labels,
                    MemorySegment puzzleIds, MemorySegment groups) {
        this.dir = dir;
        this.meta = meta;
        this.arena = arena;
        this.inputs = inputs;
        this.labels = labels;
        this.puzzleIds = puzzleIds;
        this.groups = groups;
    }

    /** Opens the data set in {@code dir}; a missing or inconsistent directory is a {@link BadDataException} naming the file. */
    public static DataSet open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new BadDataException(dir + ": no such data set directory");
        DataSetMeta meta = readMeta(dir);
        long n = meta.examples(), s = meta.seqLen();
        Arena arena = Arena.ofShared();
        try {
            MemorySegment in = map(dir.resolve(INPUTS_FILE), n * s, arena);
            MemorySegment lab = map(dir.resolve(LABELS_FILE), n * s, arena);
            MemorySegment ids = map(dir.resolve(PUZZLE_IDS_FILE), n * 4, arena);
            MemorySegment grp = map(dir.resolve(GROUPS_FILE), n * 4, arena);
            return new DataSet(dir, meta, arena, in, lab, ids, grp);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The metadata of the data set in {@code dir}, without mapping its data. */
    public static DataSetMeta readMeta(Path dir) throws IOException {
        Path f = dir.resolve(META_FILE);
        JsonNode j;
        try {
            j = new ObjectMapper().readTree(Files.readString(f));
        } catch (NoSuchFileException e) {
            boolean buildOutput = Files.isDirectory(dir.resolve("train")) || Files.isDirectory(dir.resolve("test"));
            throw new BadDataException(dir + " is not a trm4j data set (no " + META_FILE + ")"
                    + (buildOutput ? "; it is a build output: use " + dir.resolve("train") + " or " + dir.resolve("test") : ""));
        } catch (JacksonException e) {
            throw new BadDataException(f + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (j == null || !FORMAT.equals(j.path("format").asText()))
            throw new BadDataException(f + ": not a trm4j data set (format is not \"" + FORMAT + "\")");
        if (j.path("version").asInt() != VERSION)
            throw new BadDataException(f + ": data set version " + j.path("version") + " is not supported (this build reads " + VERSION + ")");
        try {
            return new DataSetMeta(j.path("task").asText(), need(j, "vocab_size", f), need(j, "seq_len", f),
                    need(j, "num_puzzle_identifiers", f), need(j, "examples", f), need(j, "puzzles", f),
                    j.path("augmentations").asInt(0), j.path("board_shape").asText(""));
        } catch (IllegalArgumentException e) {
            throw new BadDataException(f + ": " + e.getMessage());
        }
    }

    private static int need(JsonNode j, String key, Path f) throws BadDataException {
        JsonNode v = j.get(key);
        if (v == null || !v.canConvertToInt()) throw new BadDataException(f + ": field " + key + " is missing or not an integer");
        return v.asInt();
    }

    private static MemorySegment map(Path f, long bytes, Arena arena) throws IOException {
        if (!Files.isRegularFile(f)) throw new BadDataException(f + ": missing (the data set is incomplete)");
        long size = Files.size(f);
        if (size != bytes) throw new BadDataException(f + ": " + size + " bytes, metadata says " + bytes + " (corrupt or truncated data set)");
        if (bytes == 0) return MemorySegment.ofArray(new byte[0]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, bytes, arena);
        }
    }

    /** The directory it was opened from. */
    public Path dir() { return dir; }

    /** The metadata. */
    @Override public DataSetMeta meta() { return meta; }

    /** The number of examples. */
    @Override public int size() { return meta.examples(); }

    /** The sequence length (tokens per example). */
    public int seqLen() { return meta.seqLen(); }

    /** Copies example {@code i}'s input tokens to {@code dst[off .. off+seqLen)}. */
    @Override public void inputs(int i, int[] dst, int off) {
        long base = row(i);
        for (int t = 0, s = meta.seqLen(); t < s; t++) dst[off + t] = inputs.get(ValueLayout.JAVA_BYTE, base + t) & 0xFF;
    }

    /** Copies example {@code i}'s labels to {@code dst[off .. off+seqLen)}; -100 marks a position without loss. */
    @Override public void labels(int i, int[] dst, int off) {
        long base = row(i);
        for (int t = 0, s = meta.seqLen(); t < s; t++) dst[off + t] = labels.get(ValueLayout.JAVA_BYTE, base + t);
    }

    /** Example {@code i}'s puzzle identifier (row of the puzzle embedding). */
    @Override public int puzzleId(int i) { check(i); return puzzleIds.get(INT_LE, 4L * i); }

    /** The index of the original puzzle example {@code i} came from (augmented copies share it). */
    @Override public int groupOf(int i) { check(i); return groups.get(INT_LE, 4L * i); }

    /** The name of puzzle identifier {@code id} (from {@code identifiers.txt}), if the data set has names. */
    public Optional<String> puzzleName(int id) throws IOException {
        List<String> n = names;
        if (n == null) {
            Path f = dir.resolve(NAMES_FILE);
            n = Files.isRegularFile(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
            names = n;
        }
        return id >= 0 && id < n.size() ? Optional.of(n.get(id)) : Optional.empty();
    }

    private long row(int i) { check(i); return (long) i * meta.seqLen(); }

    private void check(int i) {
        if (i < 0 || i >= meta.examples()) throw new IndexOutOfBoundsException("example " + i + " of " + meta.examples());
    }

    /** Unmaps the files; reading afterwards fails. */
    @Override public void close() { arena.close(); }
}
