package org.trm4j.train.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * ARC-AGI data sets as the reference's builder makes them. Every task gets up to {@code aug} distinct augmented copies
 * besides itself ({@link ArcAugmentation}; duplicates redrawn, up to 5 x aug draws), each copy its own puzzle
 * identifier (0 is the blank id; names in {@code identifiers.txt}). The training split holds every copy's
 * demonstration pairs (and the test pairs of training tasks, which have solutions), each placed at a random offset
 * on the canvas except one per copy. The test split holds the evaluation tasks' test inputs for every copy at the
 * top-left, so that predictions can be mapped back and voted; a puzzle id's test examples are its task's test
 * inputs in file order. Training groups are task indices (training tasks first, then evaluation tasks); test groups
 * are evaluation task indices.
 */
public final class ArcSets {
    private ArcSets() {}

    /** The task name in the metadata. */
    public static final String TASK = "arc";
    /** The reference's retry factor for drawing distinct augmentations. */
    static final int RETRIES_FACTOR = 5;

    /** What was written: puzzle identifiers (including blank 0), and copies made per task. */
    public record Summary(int puzzleIdentifiers, int tasks, int trainExamples, int testExamples) {}

    /**
     * Writes {@code trainTasks} (all pairs with outputs to training) and {@code evalTasks} (demonstrations to training,
     * test inputs to {@code test}) with {@code aug} copies each. {@code test} may be null when there are no eval tasks.
     */
    public static Summary build(List<ArcTask> trainTasks, List<ArcTask> evalTasks, int aug, long seed,
                                ExampleSink train, ExampleSink test, Progress progress) throws IOException {
        if (aug < 0) throw new IllegalArgumentException("augmentation " + aug + " is negative");
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        names.add("<blank>");
        int trainN = 0, testN = 0;
        int tasks = trainTasks.size() + evalTasks.size();
        progress.start("encoding " + tasks + " ARC tasks x up to " + (1 + aug), tasks);
        for (int g = 0; g < tasks; g++) {
            boolean isEval = g >= trainTasks.size();
            ArcTask task = isEval ? evalTasks.get(g - trainTasks.size()) : trainTasks.get(g);
            List<ArcTask.Pair> toTrain = new ArrayList<>(task.train());
            if (!isEval) for (ArcTask.Pair p : task.test()) if (p.output() != null) toTrain.add(p);
            for (ArcAugmentation a : copies(task, aug, rnd)) {
                int id = names.size();
                names.add(a.name(task.id()));
                int keep = rnd.nextInt(toTrain.size()); // the one example left untranslated
                for (int i = 0; i < toTrain.size(); i++) {
                    ArcTask.Pair p = toTrain.get(i);
                    Grid in = a.apply(p.input()), out = a.apply(p.output());
                    int padR = 0, padC = 0;
                    if (i != keep) {
                        padR = rnd.nextInt(ArcCanvas.SIDE - Math.max(in.rows(), out.rows()) + 1);
                        padC = rnd.nextInt(ArcCanvas.SIDE - Math.max(in.cols(), out.cols()) + 1);
                    }
                    train.add(ArcCanvas.encode(in, padR, padC), ArcCanvas.labels(ArcCanvas.encode(out, padR, padC)), id, g);
                    trainN++;
                }
                if (isEval) {
                    for (ArcTask.Pair p : task.test()) {
                        int[] lab = p.output() == null ? ArcCanvas.unknownLabels() : ArcCanvas.labels(ArcCanvas.encode(a.apply(p.output()), 0, 0));
                        test.add(ArcCanvas.encode(a.apply(p.input()), 0, 0), lab, id, g - trainTasks.size());
                        testN++;
                    }
                }
            }
            progress.step();
        }
        progress.end();
        train.numPuzzleIdentifiers(names.size()).augmentations(aug).puzzleNames(names);
        if (test != null) test.numPuzzleIdentifiers(names.size()).augmentations(aug).puzzleNames(names);
        return new Summary(names.size(), tasks, trainN, testN);
    }

    /** The identity and up to {@code aug} distinct augmentations of {@code task} (distinct in the examples they produce). */
    static List<ArcAugmentation> copies(ArcTask task, int aug, SplittableRandom rnd) {
        List<ArcAugmentation> out = new ArrayList<>();
        out.add(ArcAugmentation.identity());
        if (aug == 0) return out;
        Set<String> seen = new HashSet<>();
        seen.add(fingerprint(task, ArcAugmentation.identity()));
        for (int t = 0; t < RETRIES_FACTOR * aug && out.size() < aug + 1; t++) {
            ArcAugmentation a = ArcAugmentation.random(rnd);
            if (seen.add(fingerprint(task, a))) out.add(a);
        }
        return out;
    }

    /** A hash of the augmented task's examples, independent of their order (what the reference's puzzle_hash compares). */
    private static String fingerprint(ArcTask task, ArcAugmentation a) {
        List<String> pairs = new ArrayList<>();
        for (List<ArcTask.Pair> list : List.of(task.train(), task.test())) {
            for (ArcTask.Pair p : list) {
                pairs.add(a.apply(p.input()) + "|" + (p.output() == null ? "?" : a.apply(p.output()).toString()));
            }
        }
        pairs.sort(null);
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256").digest(String.join("|", pairs).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    /** Training and test sets of {@code trainTasks} and {@code evalTasks} in memory. */
    public static MemoryDataSet[] inMemory(List<ArcTask> trainTasks, List<ArcTask> evalTasks, int aug, long seed) {
        MemoryDataSet.Builder tr = MemoryDataSet.builder(TASK, ArcCanvas.VOCAB, ArcCanvas.CELLS, "30x30");
        MemoryDataSet.Builder te = MemoryDataSet.builder(TASK, ArcCanvas.VOCAB, ArcCanvas.CELLS, "30x30");
        try {
            build(trainTasks, evalTasks, aug, seed, tr, te, Progress.NONE);
        } catch (IOException e) {
            throw new AssertionError("memory sink does not do I/O", e);
        }
        return new MemoryDataSet[] {tr.build(), te.build()};
    }
}
