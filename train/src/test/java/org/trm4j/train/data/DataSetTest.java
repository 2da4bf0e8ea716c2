package org.trm4j.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.kernels.Losses;

class DataSetTest {
    @TempDir Path tmp;

    private static Path writeSmall(Path dir) throws IOException {
        return DataSetWriter.write(dir, "toy", 12, 3, "1x3", w -> {
            w.add(new int[] {0, 1, 11}, new int[] {Losses.IGNORE, 2, 11}, 5, 0);
            w.add(new int[] {2, 3, 4}, new int[] {5, 6, 7}, 1, 0);
            w.add(new int[] {9, 9, 9}, new int[] {Losses.IGNORE, Losses.IGNORE, 1}, 0, 1);
            w.augmentations(1).puzzleNames(List.of("a", "b", "c", "d", "e", "f"));
        });
    }

    @Test void writeThenReadRoundTrip() throws IOException {
        Path d = writeSmall(tmp.resolve("set"));
        try (DataSet ds = DataSet.open(d)) {
            assertEquals(new DataSetMeta("toy", 12, 3, 6, 3, 2, 1, "1x3"), ds.meta());
            assertEquals(3, ds.size());
            int[] buf = new int[5];
            ds.inputs(0, buf, 1);
            assertArrayEquals(new int[] {0, 0, 1, 11, 0}, buf);
            ds.labels(0, buf, 2);
            assertArrayEquals(new int[] {0, 0, -100, 2, 11}, buf);
            ds.labels(2, buf, 0);
            assertArrayEquals(new int[] {-100, -100, 1}, java.util.Arrays.copyOf(buf, 3));
            assertEquals(5, ds.puzzleId(0));
            assertEquals(1, ds.puzzleId(1));
            assertEquals(0, ds.groupOf(1));
            assertEquals(1, ds.groupOf(2));
            assertEquals("f", ds.puzzleName(5).orElseThrow());
            assertThrows(IndexOutOfBoundsException.class, () -> ds.puzzleId(3));
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(d), s.toList(), "no temporary directory left");
        }
    }

    @Test void memoryDataSetWritesTheSameFiles() throws IOException {
        MemoryDataSet.Builder b = MemoryDataSet.builder("toy", 12, 3, "1x3");
        b.add(new int[] {0, 1, 11}, new int[] {Losses.IGNORE, 2, 11}, 5, 0);
        b.add(new int[] {2, 3, 4}, new int[] {5, 6, 7}, 1, 0);
        b.add(new int[] {9, 9, 9}, new int[] {Losses.IGNORE, Losses.IGNORE, 1}, 0, 1);
        b.augmentations(1).puzzleNames(List.of("a", "b", "c", "d", "e", "f"));
        MemoryDataSet m = b.build();
        m.writeTo(tmp.resolve("m"));
        writeSmall(tmp.resolve("w"));
        for (String f : List.of(DataSet.INPUTS_FILE, DataSet.LABELS_FILE, DataSet.PUZZLE_IDS_FILE, DataSet.GROUPS_FILE, DataSet.META_FILE, DataSet.NAMES_FILE))
            assertArrayEquals(Files.readAllBytes(tmp.resolve("w").resolve(f)), Files.readAllBytes(tmp.resolve("m").resolve(f)), f);
    }

    @Test void failedWriteLeavesNothing() throws IOException {
        Path d = tmp.resolve("bad");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSetWriter.write(d, "toy", 4, 2, "1x2", w -> {
            w.add(new int[] {1, 2}, new int[] {1, 2}, 0, 0);
            w.add(new int[] {1, 4}, new int[] {1, 2}, 0, 0);
        }));
        assertTrue(e.getMessage().contains("input token 4 at 1 is outside vocab 0..3"), e.getMessage());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(0, s.count(), "nothing half-written");
        }
        assertThrows(IllegalArgumentException.class, () -> DataSetWriter.write(d, "toy", 4, 2, "1x2",
                w -> w.add(new int[] {1, 2}, new int[] {1, -5}, 0, 0)), "labels other than IGNORE must be tokens");
    }

    @Test void abortRemovesAndCloseReplacesAnOlderSet() throws IOException {
        Path d = writeSmall(tmp.resolve("set"));
        DataSetWriter w = DataSetWriter.create(d, "toy", 4, 1, "1x1");
        w.add(new int[] {3}, new int[] {3}, 0, 0);
        w.abort();
        try (DataSet ds = DataSet.open(d)) { assertEquals(3, ds.size(), "abort keeps the old set"); }
        try (DataSetWriter w2 = DataSetWriter.create(d, "toy", 4, 1, "1x1")) { w2.add(new int[] {3}, new int[] {3}, 0, 0); }
        try (DataSet ds = DataSet.open(d)) { assertEquals(1, ds.size(), "close replaces the old set"); }
        try (Stream<Path> s = Files.list(tmp)) { assertEquals(1, s.count()); }
    }

    @Test void refusesToOverwriteSomethingElse() throws IOException {
        Path d = tmp.resolve("mine");
        Files.createDirectories(d);
        Files.writeString(d.resolve("notes.txt"), "precious");
        BadDataException e = assertThrows(BadDataException.class, () -> DataSetWriter.create(d, "toy", 4, 1, "1x1"));
        assertTrue(e.getMessage().contains("is not a trm4j data set"), e.getMessage());
        assertEquals("precious", Files.readString(d.resolve("notes.txt")));
    }

    @Test void openRefusesMissingAndCorruptSets() throws IOException {
        assertMessage(tmp.resolve("nope"), "no such data set directory");
        Path d = writeSmall(tmp.resolve("set"));
        Files.write(d.resolve(DataSet.LABELS_FILE), new byte[4]);
        assertMessage(d, "labels.i8: 4 bytes, metadata says 9 (corrupt or truncated data set)");
        Files.delete(d.resolve(DataSet.GROUPS_FILE));
        Files.write(d.resolve(DataSet.LABELS_FILE), new byte[9]);
        assertMessage(d, "groups.i32: missing");
        Files.writeString(d.resolve(DataSet.META_FILE), "{\"format\": ");
        assertMessage(d, "meta.json: not valid JSON");
        Files.writeString(d.resolve(DataSet.META_FILE), "{\"format\": \"other\"}");
        assertMessage(d, "not a trm4j data set");
        Files.writeString(d.resolve(DataSet.META_FILE), "{\"format\": \"trm4j-dataset\", \"version\": 1, \"task\": \"x\", \"vocab_size\": 4}");
        assertMessage(d, "field seq_len is missing");
        Files.delete(d.resolve(DataSet.META_FILE));
        assertMessage(d, "is not a trm4j data set (no meta.json)");
    }

    private static void assertMessage(Path d, String part) {
        BadDataException e = assertThrows(BadDataException.class, () -> DataSet.open(d));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
