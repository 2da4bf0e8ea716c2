package org.trm4j.infer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.trm4j.infer.Evaluation;
import org.trm4j.infer.LoadedModel;
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

/** `trm eval`: accuracy of a checkpoint on a data set or a puzzle file. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a checkpoint as the reference does (all halt_max_steps steps, last step scored):",
                "exact accuracy, token accuracy, mean halting step, puzzles/s.",
                "--data takes a data set directory (trm data build: DIR with meta.json, or DIR/test) or a Sudoku file."})
public final class EvalCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelOptions model;

    @Option(names = "--data", required = true, paramLabel = "DIR|FILE", description = "A data set directory, or a Sudoku file (one a line, or CSV).")
    Path data;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Examples per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N examples (or puzzles of a file).")
    Integer limit;

    @Override public void run() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        Examples ex = open();
        try {
            if (ex.size() == 0) throw new IllegalArgumentException(data + ": no examples");
            if (limit != null && limit < ex.size()) ex = Subset.first(ex, limit);
            LoadedModel m = model.open();
            var device = model.device();
            Evaluation e = Evaluation.run(m.params(), ex, batch, device, Progress.stderr(), null);
            print(spec.commandLine().getOut(), e, ex, device.id());
        } finally {
            if (ex instanceof DataSet d) d.close();
        }
    }

    private Examples open() {
        try {
            if (Files.isDirectory(data)) {
                Path dir = Files.isRegularFile(data.resolve("meta.json")) ? data : data.resolve("test");
                if (!Files.isRegularFile(dir.resolve("meta.json")))
                    throw new IllegalArgumentException(data + " is not a data set (no meta.json in it or in its test/ folder)");
                return DataSet.open(dir);
            }
            if (!Files.isRegularFile(data)) throw new IllegalArgumentException("--data " + data + " does not exist");
            List<SudokuPuzzle> puzzles = SudokuFiles.read(data, limit == null ? Integer.MAX_VALUE : limit, Progress.stderr());
            if (puzzles.isEmpty()) throw new IllegalArgumentException(data + ": no puzzles");
            MemoryDataSet.Builder b = SudokuSets.builder(puzzles.get(0).shape());
            for (int i = 0; i < puzzles.size(); i++) {
                if (!puzzles.get(i).shape().equals(puzzles.get(0).shape()))
                    throw new IllegalArgumentException(data + ": puzzles of different sizes");
                b.add(puzzles.get(i).inputTokens(), puzzles.get(i).labelTokens(), 0, i);
            }
            return b.build();
        } catch (BadDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + data + ": " + e.getMessage(), e);
        }
    }

    static void print(PrintWriter out, Evaluation e, Examples ex, String device) {
        var m = e.metrics();
        out.printf(Locale.ROOT, "%s %s: %d examples on %s, %d supervision steps each%n", ex.meta().boardShape(), ex.meta().task(),
                m.count(), device, e.steps());
        out.printf(Locale.ROOT, "exact accuracy  %6.2f%%  (%d of %d)%n", 100 * m.exactAccuracy(), m.exactCount(), m.count());
        out.printf(Locale.ROOT, "token accuracy  %6.2f%%%n", 100 * m.tokenAccuracy());
        out.printf(Locale.ROOT, "mean steps      %6.2f   (first step with q_halt > 0; %d run)%n", m.meanHaltingStep(), e.steps());
        out.printf(Locale.ROOT, "speed           %6.1f puzzles/s  (%.1f s)%n", e.examplesPerSecond(), e.seconds());
        out.flush();
    }
}
