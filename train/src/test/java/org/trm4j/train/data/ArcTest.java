package org.trm4j.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.kernels.Losses;

class ArcTest {
    @TempDir Path tmp;

    static final Path REAL = Path.of("/work/shared/data/arc/arc-agi_training_challenges.json");

    static final String CHALLENGES = """
            {"t1": {"train": [{"input": [[1, 2], [3, 4]], "output": [[4, 3], [2, 1]]}, {"input": [[5]], "output": [[5]]}],
                    "test": [{"input": [[0, 1, 2]]}]},
             "t2": {"train": [{"input": [[7, 7, 0]], "output": [[0], [7], [7]]}], "test": [{"input": [[9]]}, {"input": [[8, 8]]}]}}
            """;
    static final String SOLUTIONS = """
            {"t1": [[[2, 1, 0]]], "t2": [[[9]], [[8], [8]]]}
            """;

    @Test void canvasIsTheReferences() {
        Grid g = new Grid(2, 3, new int[] {0, 1, 2, 3, 4, 9});
        int[] t = ArcCanvas.encode(g, 1, 2);
        assertEquals(0, t[0]);
        assertEquals(2, t[1 * 30 + 2], "colour 0 -> 2");
        assertEquals(11, t[2 * 30 + 4], "colour 9 -> 11");
        assertEquals(1, t[1 * 30 + 5], "EOS right of the grid");
        assertEquals(1, t[3 * 30 + 2], "EOS below the grid");
        assertEquals(1, t[3 * 30 + 4]);
        assertEquals(0, t[3 * 30 + 5], "no EOS in the corner");
        assertEquals(6 + 2 + 3, java.util.Arrays.stream(t).filter(v -> v != 0).count());
        int[] full = ArcCanvas.encode(new Grid(30, 30, new int[900]), 0, 0);
        assertEquals(0, java.util.Arrays.stream(full).filter(v -> v != 2).count(), "a 30x30 grid has no room for EOS");
        int[] lab = ArcCanvas.labels(t);
        assertEquals(Losses.IGNORE, lab[0]);
        assertEquals(1, lab[1 * 30 + 5]);
        assertThrows(IllegalArgumentException.class, () -> ArcCanvas.encode(g, 29, 0));
        assertEquals(1, ArcCanvas.encode(g, 28, 0)[28 * 30 + 3], "EOS column at the bottom edge; no EOS row");
    }

    @Test void cropInvertsTheCanvas() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int k = 0; k < 50; k++) {
            int h = 1 + rnd.nextInt(30), w = 1 + rnd.nextInt(30);
            int[] cells = new int[h * w];
            for (int i = 0; i < cells.length; i++) cells[i] = rnd.nextInt(10);
            Grid g = new Grid(h, w, cells);
            assertEquals(g, ArcCanvas.crop(ArcCanvas.encode(g, 0, 0), 0));
        }
        assertEquals(0, ArcCanvas.crop(new int[900], 0).cells().length, "all PAD: empty grid");
    }

    @Test void augmentationsInvertAndNamesRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(4);
        Grid g = new Grid(3, 4, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1});
        for (int k = 0; k < 100; k++) {
            ArcAugmentation a = ArcAugmentation.random(rnd);
            Grid x = a.apply(g);
            assertEquals(g, a.invert(x));
            assertEquals(0, a.colourMap()[0], "background fixed");
            assertEquals(g.cells().length - count(g, 0), x.cells().length - count(x, 0), "colour 0 stays 0");
            ArcAugmentation.Named n = ArcAugmentation.parse(a.name("abc123"));
            assertEquals("abc123", n.taskId());
            assertEquals(a, n.augmentation());
        }
        ArcAugmentation a = new ArcAugmentation(3, new int[] {0, 2, 1, 3, 4, 5, 6, 7, 8, 9});
        assertEquals("abc|||t3|||0213456789", a.name("abc"), "the reference's name layout");
        assertEquals("abc", ArcAugmentation.identity().name("abc"));
        assertEquals(ArcAugmentation.identity(), ArcAugmentation.parse("abc").augmentation());
        assertThrows(IllegalArgumentException.class, () -> ArcAugmentation.parse("abc|||t9|||0123456789"));
        assertThrows(IllegalArgumentException.class, () -> new ArcAugmentation(0, new int[] {1, 0, 2, 3, 4, 5, 6, 7, 8, 9}));
    }

    @Test void loadsAndBuildsSplits() throws IOException {
        Path c = write("x_challenges.json", CHALLENGES);
        write("x_solutions.json", SOLUTIONS);
        assertEquals(tmp.resolve("x_solutions.json"), ArcFiles.solutionsBeside(c));
        List<ArcTask> tasks = ArcFiles.read(c, ArcFiles.solutionsBeside(c));
        assertEquals(List.of("t1", "t2"), tasks.stream().map(ArcTask::id).toList());
        assertEquals(new Grid(2, 1, new int[] {8, 8}), tasks.get(1).test().get(1).output());
        assertNull(ArcFiles.read(c, null).get(0).test().get(0).output(), "no solutions: unknown outputs");

        MemoryDataSet[] sets = ArcSets.inMemory(List.of(tasks.get(0)), List.of(tasks.get(1)), 3, 9);
        MemoryDataSet tr = sets[0], te = sets[1];
        // t1: 1 + 3 copies x (2 train + 1 solved test) = 12; t2: 4 copies x 1 demo = 4. Test: t2's 2 inputs x 4 copies.
        assertEquals(new DataSetMeta("arc", 12, 900, 9, 16, 2, 3, "30x30"), tr.meta());
        assertEquals(new DataSetMeta("arc", 12, 900, 9, 8, 1, 3, "30x30"), te.meta());
        assertEquals("<blank>", tr.puzzleName(0).orElseThrow());
        assertEquals("t1", tr.puzzleName(1).orElseThrow());
        Set<Integer> t1Ids = new HashSet<>();
        int[] in = new int[900], lab = new int[900];
        int untranslated = 0;
        for (int i = 0; i < tr.size(); i++) {
            tr.inputs(i, in, 0);
            tr.labels(i, lab, 0);
            int id = tr.puzzleId(i);
            ArcAugmentation.Named n = ArcAugmentation.parse(tr.puzzleName(id).orElseThrow());
            assertEquals(tr.groupOf(i) == 0 ? "t1" : "t2", n.taskId());
            if (n.taskId().equals("t1")) t1Ids.add(id);
            if (in[0] != 0) untranslated++;
            // Undo the translation and the augmentation: an original pair comes back.
            Grid x = n.augmentation().invert(cropAnywhere(in)), y = n.augmentation().invert(cropAnywhere(lab));
            ArcTask task = tasks.get(tr.groupOf(i));
            List<ArcTask.Pair> all = new java.util.ArrayList<>(task.train());
            if (task.id().equals("t1")) all.addAll(task.test());
            assertTrue(all.contains(new ArcTask.Pair(x, y)), "example " + i + " maps back to a pair of " + task.id());
        }
        assertEquals(4, t1Ids.size(), "one puzzle id per copy");
        assertTrue(untranslated >= 8, "one example per copy stays at the top-left");
        for (int i = 0; i < te.size(); i++) {
            te.inputs(i, in, 0);
            te.labels(i, lab, 0);
            ArcAugmentation.Named n = ArcAugmentation.parse(te.puzzleName(te.puzzleId(i)).orElseThrow());
            assertEquals("t2", n.taskId());
            assertEquals(0, te.groupOf(i), "test groups index the evaluation tasks");
            ArcTask.Pair p = tasks.get(1).test().get(i % 2);
            assertEquals(p.input(), n.augmentation().invert(ArcCanvas.crop(in, 0)), "test inputs in file order at the top-left");
            int[] lab0 = lab.clone();
            for (int k = 0; k < 900; k++) if (lab0[k] == Losses.IGNORE) lab0[k] = 0;
            assertEquals(p.output(), n.augmentation().invert(ArcCanvas.crop(lab0, 0)));
        }
    }

    @Test void augmentedCopiesAreDistinct() {
        // A symmetric, one-colour task has few distinct copies: the builder stops instead of repeating one.
        ArcTask t = new ArcTask("s", List.of(new ArcTask.Pair(new Grid(1, 1, new int[] {0}), new Grid(1, 1, new int[] {0}))), List.of());
        assertEquals(1, ArcSets.copies(t, 10, new SplittableRandom(1)).size());
        ArcTask u = new ArcTask("u", List.of(new ArcTask.Pair(new Grid(1, 1, new int[] {1}), new Grid(1, 1, new int[] {1}))), List.of());
        assertEquals(9, ArcSets.copies(u, 20, new SplittableRandom(1)).size(), "colour 1 can become any of 1..9, no more");
    }

    @Test void refusesBadFilesWithTaskAndGrid() throws IOException {
        bad("{\"a\": {\"train\": [", null, "malformed JSON at line 1");
        bad("[]", null, "expected a JSON object of task id -> task");
        bad("{\"a\": {\"train\": [{\"input\": [[1, 2], [3]], \"output\": [[1]]}], \"test\": []}}", null, "task a: train[0].input: row 1 has 1 cells, row 0 has 2");
        bad("{\"a\": {\"train\": [{\"input\": [[1, 12]], \"output\": [[1]]}], \"test\": []}}", null, "task a: train[0].input: cell (0, 1) is 12, not a colour 0..9");
        bad("{\"a\": {\"train\": [{\"input\": [[1]]}], \"test\": []}}", null, "task a: train[0]: no output");
        String big = "[" + String.join(",", java.util.Collections.nCopies(31, "[1]")) + "]";
        bad("{\"a\": {\"train\": [{\"input\": " + big + ", \"output\": [[1]]}], \"test\": []}}", null, "task a: train[0].input: grid is 31x1, over the 30x30 canvas");
        bad("{\"a\": {\"train\": [], \"test\": []}}", null, "task a: no train pairs");
        bad("{\"a\": {\"train\": [{\"input\": [[1]], \"output\": [[1]]}], \"test\": [{\"input\": [[1]]}]}}", "{\"b\": []}", "task a: missing");
        bad("{\"a\": {\"train\": [{\"input\": [[1]], \"output\": [[1]]}], \"test\": [{\"input\": [[1]]}]}}", "{\"a\": []}",
                "task a: expected a list of 1 output grids (one per test input), got 0 entries");
        bad("{}", null, "no tasks");
        BadDataException e = assertThrows(BadDataException.class, () -> ArcFiles.read(tmp.resolve("nope.json"), null));
        assertTrue(e.getMessage().contains("nope.json: no such file"), e.getMessage());
    }

    @Test void realTrainingFileLoads() throws IOException {
        if (!Files.isRegularFile(REAL)) return; // the shared data folder only exists on the project's machines
        List<ArcTask> tasks = ArcFiles.read(REAL, ArcFiles.solutionsBeside(REAL));
        assertEquals(400, tasks.size());
        assertEquals("007bbfb7", tasks.getFirst().id());
        assertTrue(tasks.stream().allMatch(t -> t.test().stream().allMatch(p -> p.output() != null)));
    }

    private void bad(String challenges, String solutions, String part) throws IOException {
        Path c = write("bad_challenges.json", challenges);
        Path s = solutions == null ? null : write("bad_solutions.json", solutions);
        BadDataException e = assertThrows(BadDataException.class, () -> ArcFiles.read(c, s));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        return f;
    }

    private static long count(Grid g, int v) { return java.util.Arrays.stream(g.cells()).filter(x -> x == v).count(); }

    /** The colour rectangle of a translated canvas (labels' IGNORE counts as PAD). */
    private static Grid cropAnywhere(int[] canvas) {
        int top = 30, left = 30;
        for (int i = 0; i < 900; i++) if (canvas[i] >= 2) { top = Math.min(top, i / 30); left = Math.min(left, i % 30); }
        int[] shifted = new int[900];
        for (int r = top; r < 30; r++) for (int c = left; c < 30; c++) shifted[(r - top) * 30 + c - left] = Math.max(0, canvas[r * 30 + c]);
        return ArcCanvas.crop(shifted, 0);
    }
}
