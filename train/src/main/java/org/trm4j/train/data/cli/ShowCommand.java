package org.trm4j.train.data.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.trm4j.train.data.ArcCanvas;
import org.trm4j.train.data.DataSet;
import org.trm4j.train.data.DataSetMeta;
import org.trm4j.train.data.Grid;
import org.trm4j.train.data.MazeGrid;
import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuShape;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `trm data show DIR`: the metadata and a few examples as boards, input beside label. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Print a data set's metadata and a few examples as boards (input -> label). DIR is a data set or a build output (then its train split, or --split).")
public final class ShowCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A data set directory, or the --out of trm data build.")
    Path dir;
    @Option(names = "--split", paramLabel = "NAME", description = "train or test, for a build output (default ${DEFAULT-VALUE}).", defaultValue = "train")
    String split;
    @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Examples to print (default ${DEFAULT-VALUE}).", defaultValue = "3")
    int count;
    @Option(names = "--from", paramLabel = "I", description = "First example to print (default ${DEFAULT-VALUE}).", defaultValue = "0")
    int from;

    @Override public void run() {
        if (count < 0 || from < 0) throw new IllegalArgumentException("--count and --from must not be negative");
        Path d = dir;
        if (!Files.isRegularFile(d.resolve("meta.json")) && Files.isDirectory(d.resolve(split))) d = d.resolve(split);
        PrintWriter out = spec.commandLine().getOut();
        try (DataSet ds = DataSet.open(d)) {
            DataSetMeta m = ds.meta();
            out.printf(Locale.ROOT, "%s: task %s, %s, vocab %d, seq_len %d, %,d puzzle ids, %,d examples of %,d puzzles, %d augmentations%n",
                    d, m.task(), m.boardShape(), m.vocabSize(), m.seqLen(), m.numPuzzleIdentifiers(), m.examples(), m.puzzles(), m.augmentations());
            if (from >= ds.size() && ds.size() > 0) throw new IllegalArgumentException("--from " + from + " is past the last example (" + (ds.size() - 1) + ")");
            int[] in = new int[m.seqLen()], lab = new int[m.seqLen()];
            for (int i = from; i < Math.min(ds.size(), from + count); i++) {
                ds.inputs(i, in, 0);
                ds.labels(i, lab, 0);
                int id = ds.puzzleId(i);
                String name = ds.puzzleName(id).map(s -> " (" + s + ")").orElse("");
                out.printf(Locale.ROOT, "%nexample %d: puzzle id %d%s, group %d%n", i, id, name, ds.groupOf(i));
                out.print(sideBySide(render(m, in), render(m, lab)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        out.flush();
    }

    /** A board's text for the task (unknown tasks: tokens in rows of the board width, or one line). */
    static String render(DataSetMeta m, int[] tokens) {
        return switch (m.task()) {
            case "sudoku" -> {
                int[] t = tokens.clone();
                for (int k = 0; k < t.length; k++) if (t[k] < 0) t[k] = 0;
                yield SudokuGrid.board(SudokuGrid.fromTokens(t, 0, t.length), SudokuShape.ofCells(t.length));
            }
            case "maze" -> {
                int n = (int) Math.round(Math.sqrt(tokens.length));
                yield MazeGrid.board(new Grid(n, n, tokens.clone()));
            }
            case "arc" -> ArcCanvas.board(tokens, 0, true);
            default -> {
                StringBuilder b = new StringBuilder();
                for (int t : tokens) b.append(t).append(' ');
                yield b.toString().trim() + "\n";
            }
        };
    }

    static String sideBySide(String left, String right) {
        List<String> l = left.lines().toList(), r = right.lines().toList();
        int w = l.stream().mapToInt(String::length).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            String a = i < l.size() ? l.get(i) : "", c = i < r.size() ? r.get(i) : "";
            b.append(a).append(" ".repeat(w - a.length())).append(i == (Math.max(l.size(), r.size()) - 1) / 2 ? "  ->  " : "      ").append(c).append('\n');
        }
        return b.toString();
    }
}
