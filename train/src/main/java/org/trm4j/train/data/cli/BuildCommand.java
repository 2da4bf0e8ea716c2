package org.trm4j.train.data.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.trm4j.train.data.ArcCanvas;
import org.trm4j.train.data.ArcFiles;
import org.trm4j.train.data.ArcSets;
import org.trm4j.train.data.ArcTask;
import org.trm4j.train.data.AtomicDir;
import org.trm4j.train.data.DataSet;
import org.trm4j.train.data.DataSetMeta;
import org.trm4j.train.data.DataSetWriter;
import org.trm4j.train.data.MazeFiles;
import org.trm4j.train.data.MazeGenerator;
import org.trm4j.train.data.MazeGrid;
import org.trm4j.train.data.MazePuzzle;
import org.trm4j.train.data.MazeSets;
import org.trm4j.train.data.Progress;
import org.trm4j.train.data.SudokuFiles;
import org.trm4j.train.data.SudokuPuzzle;
import org.trm4j.train.data.SudokuSets;
import org.trm4j.train.data.SudokuShape;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `trm data build`: reads or generates puzzles, augments them and writes {@code OUT/train} and {@code OUT/test} once. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a data set once: OUT/train (augmented) and OUT/test (held out, not augmented; for ARC the "
                + "evaluation tasks' test inputs under every augmentation, for voting). Written under a temporary name, "
                + "renamed when complete.",
        footer = {"%nExamples:",
                "  trm data build --task sudoku --input FILE --aug 1000 --out data/sudoku",
                "  trm data build --task sudoku --generate 1000 --board 4 --aug 10 --out data/s4",
                "  trm data build --task maze --generate 1000 --hard --aug 7 --out data/maze",
                "  trm data build --task arc --input arc-agi_training_challenges.json \\",
                "      --test-input arc-agi_evaluation_challenges.json --aug 1000 --out data/arc"})
public final class BuildCommand implements Runnable {
    enum Task { sudoku, maze, arc }

    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "sudoku, maze or arc.")
    Task task;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (replaced if it holds a data set; refused if it holds anything else).")
    Path out;
    @Option(names = "--input", paramLabel = "FILE", split = ",", description = {
            "Training puzzles. sudoku: Sudoku-Extreme CSV (source,question,answer,rating) or one puzzle per line (answers solved here);",
            "maze: CSV (source,question,answer,rating); arc: *_challenges.json (solutions from *_solutions.json beside it)."})
    List<Path> inputs = new ArrayList<>();
    @Option(names = "--test-input", paramLabel = "FILE", split = ",", description = {
            "Held-out puzzles (same layouts). arc: evaluation *_challenges.json: its demonstrations train, its test inputs form the test split."})
    List<Path> testInputs = new ArrayList<>();
    @Option(names = "--test-fraction", paramLabel = "F", description = "sudoku/maze without --test-input: the fraction held out (default ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double testFraction;
    @Option(names = "--aug", paramLabel = "N", description = "Augmented copies per training puzzle (maze: at most 7, the dihedral transforms). Default ${DEFAULT-VALUE}.", defaultValue = "0")
    int aug;
    @Option(names = "--limit", paramLabel = "N", description = "Read at most N puzzles per input file (0 = all).", defaultValue = "0")
    int limit;
    @Option(names = "--subsample", paramLabel = "N", description = "sudoku/maze: train on a random N of the training puzzles (the reference's subsample_size; 0 = all).", defaultValue = "0")
    int subsample;
    @Option(names = "--generate", paramLabel = "N", description = "sudoku/maze: generate N puzzles instead of reading --input (then split by --test-fraction).", defaultValue = "0")
    int generate;
    @Option(names = "--board", paramLabel = "N", description = "sudoku --generate: board size 4, 6 or 9 (default ${DEFAULT-VALUE}).", defaultValue = "9")
    int board;
    @Option(names = "--min-rating", paramLabel = "R", description = "sudoku: keep puzzles rated at least R (the reference's min_difficulty; generated and solved puzzles: our solver's dead ends).", defaultValue = "0")
    long minRating;
    @Option(names = "--size", paramLabel = "N", description = "maze --generate: side of the maze (default ${DEFAULT-VALUE}).", defaultValue = "" + MazeGenerator.DEFAULT_SIZE)
    int size;
    @Option(names = "--hard", description = "maze --generate: long paths only (at least N*N/8 steps, 112 at 30x30).")
    boolean hard;
    @Option(names = "--min-path", paramLabel = "L", description = "maze --generate: shortest paths of at least L steps (overrides --hard).", defaultValue = "0")
    int minPath;
    @Option(names = "--seed", paramLabel = "S", description = "Random seed for generation, splits and augmentation (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Override public void run() {
        if (aug < 0) throw new IllegalArgumentException("--aug " + aug + " is negative");
        if (limit < 0 || generate < 0 || subsample < 0) throw new IllegalArgumentException("--limit, --generate and --subsample must not be negative");
        if (!(testFraction >= 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction " + testFraction + " is not in [0, 1)");
        if (generate > 0 && !inputs.isEmpty()) throw new IllegalArgumentException("use --input or --generate, not both");
        Progress progress = Progress.stderr();
        try {
            AtomicDir dir = AtomicDir.begin(out);
            try {
                switch (task) {
                    case sudoku -> sudoku(dir.path(), progress);
                    case maze -> maze(dir.path(), progress);
                    case arc -> arc(dir.path(), progress);
                }
                dir.commit();
            } finally {
                dir.abort();
            }
            report(spec.commandLine().getOut());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private void sudoku(Path dir, Progress progress) throws IOException {
        List<SudokuPuzzle> train, test;
        if (generate > 0) {
            SudokuShape shape = SudokuShape.of(board);
            List<SudokuPuzzle> all = SudokuSets.generatePuzzles(shape, generate, minRating, seed, progress);
            List<List<SudokuPuzzle>> split = split(all);
            train = split.get(0);
            test = testInputs.isEmpty() ? split.get(1) : readSudoku(testInputs, progress);
        } else {
            if (inputs.isEmpty()) throw new IllegalArgumentException("sudoku needs --input FILE or --generate N");
            train = readSudoku(inputs, progress);
            if (testInputs.isEmpty()) {
                List<List<SudokuPuzzle>> split = split(train);
                train = split.get(0);
                test = split.get(1);
            } else {
                test = readSudoku(testInputs, progress);
            }
        }
        train = subsample(train);
        SudokuShape shape = train.isEmpty() ? test.getFirst().shape() : train.getFirst().shape();
        for (SudokuPuzzle p : test) if (!p.shape().equals(shape)) throw new IllegalArgumentException("test puzzles are " + p.shape().label() + ", training puzzles " + shape.label());
        List<SudokuPuzzle> tr = train, te = test;
        DataSetWriter.write(dir.resolve("train"), SudokuSets.TASK, SudokuShape.VOCAB, shape.cells(), shape.label(),
                w -> SudokuSets.encode(tr, aug, seed + 1, w, progress));
        DataSetWriter.write(dir.resolve("test"), SudokuSets.TASK, SudokuShape.VOCAB, shape.cells(), shape.label(),
                w -> SudokuSets.encode(te, 0, seed + 2, w, progress));
    }

    private List<SudokuPuzzle> readSudoku(List<Path> files, Progress progress) throws IOException {
        List<SudokuPuzzle> all = new ArrayList<>();
        for (Path f : files) {
            List<SudokuPuzzle> ps = SudokuFiles.read(f, limit, progress).stream().filter(p -> p.rating() >= minRating).toList();
            if (ps.isEmpty()) throw new IllegalArgumentException(f + ": no puzzles rated " + minRating + " or more");
            if (!all.isEmpty() && !ps.getFirst().shape().equals(all.getFirst().shape()))
                throw new IllegalArgumentException(f + ": " + ps.getFirst().shape().label() + " puzzles after " + all.getFirst().shape().label() + " ones");
            all.addAll(ps);
        }
        return all;
    }

    private void maze(Path dir, Progress progress) throws IOException {
        if (aug > 7) throw new IllegalArgumentException("--aug " + aug + ": a maze has 7 dihedral transforms besides itself");
        List<MazePuzzle> train, test;
        if (generate > 0) {
            int min = minPath > 0 ? minPath : hard ? MazeGenerator.hardMinPath(size) : 1;
            List<List<MazePuzzle>> split = split(MazeSets.generateMazes(size, generate, min, seed, progress));
            train = split.get(0);
            test = testInputs.isEmpty() ? split.get(1) : readMazes(testInputs);
        } else {
            if (inputs.isEmpty()) throw new IllegalArgumentException("maze needs --input FILE or --generate N");
            train = readMazes(inputs);
            if (testInputs.isEmpty()) {
                List<List<MazePuzzle>> split = split(train);
                train = split.get(0);
                test = split.get(1);
            } else {
                test = readMazes(testInputs);
            }
        }
        train = subsample(train);
        int n = train.isEmpty() ? test.getFirst().question().rows() : train.getFirst().question().rows();
        for (MazePuzzle m : test) if (m.question().rows() != n) throw new IllegalArgumentException("test mazes are " + m.question().shape() + ", training mazes " + n + "x" + n);
        List<MazePuzzle> tr = train, te = test;
        DataSetWriter.write(dir.resolve("train"), MazeSets.TASK, MazeGrid.VOCAB, n * n, n + "x" + n, w -> MazeSets.encode(tr, aug, w, progress));
        DataSetWriter.write(dir.resolve("test"), MazeSets.TASK, MazeGrid.VOCAB, n * n, n + "x" + n, w -> MazeSets.encode(te, 0, w, progress));
    }

    private List<MazePuzzle> readMazes(List<Path> files) throws IOException {
        List<MazePuzzle> all = new ArrayList<>();
        for (Path f : files) {
            List<MazePuzzle> ms = MazeFiles.readCsv(f, limit);
            if (!all.isEmpty() && ms.getFirst().question().rows() != all.getFirst().question().rows())
                throw new IllegalArgumentException(f + ": " + ms.getFirst().question().shape() + " mazes after " + all.getFirst().question().shape() + " ones");
            all.addAll(ms);
        }
        return all;
    }

    private void arc(Path dir, Progress progress) throws IOException {
        if (generate > 0) throw new IllegalArgumentException("--generate is for sudoku and maze; arc reads --input/--test-input");
        if (inputs.isEmpty() && testInputs.isEmpty()) throw new IllegalArgumentException("arc needs --input and/or --test-input *_challenges.json files");
        Map<String, Path> seen = new LinkedHashMap<>();
        List<ArcTask> train = readArc(inputs, seen, false), eval = readArc(testInputs, seen, true);
        try (DataSetWriter tr = DataSetWriter.create(dir.resolve("train"), ArcSets.TASK, ArcCanvas.VOCAB, ArcCanvas.CELLS, "30x30");
             DataSetWriter te = DataSetWriter.create(dir.resolve("test"), ArcSets.TASK, ArcCanvas.VOCAB, ArcCanvas.CELLS, "30x30")) {
            try {
                ArcSets.build(train, eval, aug, seed, tr, te, progress);
            } catch (IOException | RuntimeException e) {
                tr.abort();
                te.abort();
                throw e;
            }
        }
    }

    private List<ArcTask> readArc(List<Path> files, Map<String, Path> seen, boolean eval) throws IOException {
        List<ArcTask> out = new ArrayList<>();
        for (Path f : files) {
            int skipped = 0;
            for (ArcTask t : ArcFiles.read(f, ArcFiles.solutionsBeside(f))) {
                Path before = seen.putIfAbsent(t.id(), f);
                if (before == null) { out.add(t); continue; }
                if (eval || testInputs.contains(before))
                    throw new IllegalArgumentException("task " + t.id() + " is in both " + before + " and " + f + "; training must not see test tasks");
                skipped++;
            }
            if (skipped > 0) spec.commandLine().getErr().println("trm data build: " + f + ": skipped " + skipped + " tasks already read from another --input");
        }
        return out;
    }

    /** A seeded random --subsample of the training puzzles (all when 0 or not fewer). */
    private <T> List<T> subsample(List<T> train) {
        if (subsample == 0 || subsample >= train.size()) return train;
        List<T> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new java.util.Random(new SplittableRandom(seed ^ 0x5AB5).nextLong()));
        return List.copyOf(shuffled.subList(0, subsample));
    }

    /** A seeded shuffle split into [train, test] by --test-fraction (test gets at least one when the fraction is positive). */
    private <T> List<List<T>> split(List<T> all) {
        if (!testInputs.isEmpty()) return List.of(all, List.of());
        List<T> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new java.util.Random(new SplittableRandom(seed ^ 0x5EED).nextLong()));
        int k = testFraction == 0 ? 0 : Math.max(1, (int) Math.round(all.size() * testFraction));
        if (k >= all.size()) throw new IllegalArgumentException(all.size() + " puzzles are too few to hold out " + testFraction + " of them");
        return List.of(List.copyOf(shuffled.subList(k, shuffled.size())), List.copyOf(shuffled.subList(0, k)));
    }

    private void report(PrintWriter w) throws IOException {
        for (String split : List.of("train", "test")) {
            DataSetMeta m = DataSet.readMeta(out.resolve(split));
            w.printf(Locale.ROOT, "%s/%s: %,d examples of %,d puzzles (%d augmentations), %s, vocab %d, seq_len %d, %,d puzzle ids%n",
                    out, split, m.examples(), m.puzzles(), m.augmentations(), m.boardShape(), m.vocabSize(), m.seqLen(), m.numPuzzleIdentifiers());
        }
        w.flush();
    }
}
