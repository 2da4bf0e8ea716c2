package org.trm4j.infer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

import org.trm4j.api.Device;
import org.trm4j.infer.Evaluation;
import org.trm4j.infer.LoadedModel;
import org.trm4j.infer.arc.ArcEvaluation;
import org.trm4j.infer.arc.ArcInputs;
import org.trm4j.infer.arc.Submission;
import org.trm4j.train.data.ArcSets;
import org.trm4j.train.data.ArcTask;
import org.trm4j.train.data.BadDataException;
import org.trm4j.train.data.DataSet;
import org.trm4j.train.data.Examples;
import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.Progress;
import org.trm4j.train.data.SudokuFiles;
import org.trm4j.train.data.SudokuPuzzle;
import org.trm4j.train.data.SudokuSets;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `trm eval`: accuracy of a checkpoint on a data set or a puzzle file; for ARC the voted pass@1/pass@2 and a submission. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a checkpoint as the reference does (all halt_max_steps steps, last step scored):",
                "exact accuracy, token accuracy, mean halting step, puzzles/s.",
                "--data takes a data set directory (trm data build: DIR with meta.json, or DIR/test), a Sudoku file, or an ARC task JSON.",
                "ARC: augmented copies of every test input are predicted, mapped back and voted (count, then mean Q-halt);",
                "pass@1, pass@2 and a Kaggle submission.json (two attempts per test input, every task)."})
public final class EvalCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelOptions model;

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE",
            description = "A data set directory, a Sudoku file (one a line, or CSV), or ARC JSON (Kaggle challenges, solutions beside, or one task).")
    Path data;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Examples per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N examples (or puzzles of a Sudoku file, or tasks of an ARC file).")
    Integer limit;

    @Option(names = "--tasks", paramLabel = "F", description = "ARC data set directory: the challenges JSON it was built from (task order and solutions).")
    Path tasks;

    @Option(names = "--aug", paramLabel = "N", defaultValue = "0",
            description = "ARC JSON: augmented copies per task besides the original (dihedral x colour), voted together (default ${DEFAULT-VALUE}).")
    int aug;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "ARC JSON: seed of the augmentations (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--submission", paramLabel = "F", defaultValue = "submission.json", description = "ARC: where to write the submission (default ${DEFAULT-VALUE}).")
    Path submission;

    @Override public void run() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        if (aug < 0) throw new IllegalArgumentException("--aug must be >= 0, got " + aug);
        try {
            if (Files.isRegularFile(data) && ArcInputs.isArcJson(data)) arcFile();
            else if (Files.isDirectory(data)) directory();
            else sudokuFile();
        } catch (BadDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    private void sudokuFile() throws IOException {
        if (!Files.isRegularFile(data)) throw new IllegalArgumentException("--data " + data + " does not exist");
        List<SudokuPuzzle> puzzles = SudokuFiles.read(data, limit == null ? Integer.MAX_VALUE : limit, Progress.stderr());
        if (puzzles.isEmpty()) throw new IllegalArgumentException(data + ": no puzzles");
        MemoryDataSet.Builder b = SudokuSets.builder(puzzles.get(0).shape());
        for (int i = 0; i < puzzles.size(); i++) {
            if (!puzzles.get(i).shape().equals(puzzles.get(0).shape())) throw new IllegalArgumentException(data + ": puzzles of different sizes");
            b.add(puzzles.get(i).inputTokens(), puzzles.get(i).labelTokens(), 0, i);
        }
        tokens(b.build());
    }

    private void directory() throws IOException {
        Path dir = Files.isRegularFile(data.resolve("meta.json")) ? data : data.resolve("test");
        if (!Files.isRegularFile(dir.resolve("meta.json")))
            throw new IllegalArgumentException(data + " is not a data set (no meta.json in it or in its test/ folder)");
        try (DataSet ds = DataSet.open(dir)) {
            if (ds.size() == 0) throw new IllegalArgumentException(dir + ": no examples");
            if (!ArcSets.TASK.equals(ds.meta().task())) {
                tokens(limit != null && limit < ds.size() ? Subset.first(ds, limit) : ds);
                return;
            }
            if (tasks == null) throw new IllegalArgumentException("an ARC data set needs --tasks F: the challenges JSON it was built from (solutions beside it)");
            List<ArcTask> list = ArcInputs.read(tasks);
            arc(list, ds, id -> {
                try {
                    return ds.puzzleName(id).orElse(null);
                } catch (IOException e) {
                    throw new IllegalArgumentException(dir + ": cannot read identifiers.txt: " + e.getMessage(), e);
                }
            });
        }
    }

    private void arcFile() throws IOException {
        List<ArcTask> list = ArcInputs.read(data);
        if (limit != null && limit < list.size()) list = list.subList(0, limit);
        MemoryDataSet test = ArcSets.inMemory(List.of(), list, aug, seed)[1];
        arc(list, test, id -> test.puzzleName(id).orElse(null));
    }

    private void tokens(Examples ex) {
        LoadedModel m = model.open();
        Device device = model.device();
        Evaluation e = Evaluation.run(m.params(), ex, batch, device, Progress.stderr(), null);
        print(spec.commandLine().getOut(), e, ex, device.id());
    }

    private void arc(List<ArcTask> list, Examples test, IntFunction<String> names) throws IOException {
        LoadedModel m = model.open();
        Device device = model.device();
        PrintWriter out = spec.commandLine().getOut();
        ArcEvaluation a = ArcEvaluation.run(m.params(), list, test, names, batch, device, Progress.stderr());
        if (a.blankIds())
            out.printf(Locale.ROOT, "note: the model has %d puzzle identifiers, the data %d: every copy ran with the blank id 0%n",
                    m.config().numPuzzleIdentifiers(), test.meta().numPuzzleIdentifiers());
        Submission.write(submission, a.votes(), a.testCounts());
        Evaluation e = a.tokens();
        out.printf(Locale.ROOT, "ARC: %d tasks, %d test inputs, %d predictions (%d copies each) on %s, %d steps each%n", a.testCounts().size(),
                a.testCounts().values().stream().mapToInt(Integer::intValue).sum(), test.size(), test.meta().augmentations() + 1, device.id(), e.steps());
        if (a.truths().isEmpty()) out.println("pass@1, pass@2  (no solutions known)");
        else {
            out.printf(Locale.ROOT, "pass@1          %6.2f%%  (voted, over %d tasks with solutions)%n", 100 * a.passAt(1), a.truths().size());
            out.printf(Locale.ROOT, "pass@2          %6.2f%%%n", 100 * a.passAt(2));
        }
        if (e.metrics().count() > 0) {
            out.printf(Locale.ROOT, "exact accuracy  %6.2f%%  (per copy, before voting)%n", 100 * e.metrics().exactAccuracy());
            out.printf(Locale.ROOT, "token accuracy  %6.2f%%%n", 100 * e.metrics().tokenAccuracy());
        }
        out.printf(Locale.ROOT, "speed           %6.1f predictions/s  (%.1f s)%n", test.size() / e.seconds(), e.seconds());
        out.printf(Locale.ROOT, "submission      %s%n", submission);
        out.flush();
    }

    static void print(PrintWriter out, Evaluation e, Examples ex, String device) {
        var m = e.metrics();
        out.printf(Locale.ROOT, "%s %s: %d examples on %s, %d supervision steps each%n", ex.meta().boardShape(), ex.meta().task(),
                m.count(), device, e.steps());
        out.printf(Locale.ROOT, "exact accuracy  %6.2f%%  (%d of %d)%n", 100 * m.exactAccuracy(), m.exactCount(), m.count());
        out.printf(Locale.ROOT, "token accuracy  %6.2f%%%n", 100 * m.tokenAccuracy());
        out.printf(Locale.ROOT, "q-halt accuracy %6.2f%%  (q_halt >= 0 at the last step agrees with exactly right)%n", 100 * m.qHaltAccuracy());
        out.printf(Locale.ROOT, "mean steps      %6.2f   (first step with q_halt > 0; %d run)%n", m.meanHaltingStep(), e.steps());
        out.printf(Locale.ROOT, "speed           %6.1f puzzles/s  (%.1f s)%n", e.examplesPerSecond(), e.seconds());
        out.flush();
    }
}
