package org.trm4j.infer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.trm4j.infer.BatchRunner;
import org.trm4j.infer.ExampleResult;
import org.trm4j.infer.LoadedModel;
import org.trm4j.infer.StepOutputs;
import org.trm4j.infer.TokenInputs;
import org.trm4j.infer.arc.ArcInputs;
import org.trm4j.train.data.ArcTask;
import org.trm4j.train.data.MazeGrid;
import org.trm4j.train.data.MazePuzzle;
import java.nio.file.Files;
import org.trm4j.infer.show.Steps;
import org.trm4j.infer.show.SudokuShow;
import org.trm4j.kernels.Losses;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.InferenceResult;
import org.trm4j.train.data.BadDataException;
import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.Progress;
import org.trm4j.train.data.SudokuFiles;
import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuPuzzle;
import org.trm4j.train.data.SudokuSets;
import org.trm4j.train.data.SudokuShape;
import org.trm4j.train.data.SudokuSolver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `trm solve`: run a checkpoint on puzzles and show the answers (or every step's outputs, for the reference). */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solve puzzles with a trained TRM: every supervision step from a fresh carry, in eval mode.",
                "A Sudoku is given as its 16, 36 or 81 characters (digits, '.' or '0' for a blank), or with --file (one a line, or the Sudoku-Extreme CSV).",
                "--file also takes mazes (the reference's CSV, or mazes drawn with '#', ' ', 'S', 'G') and ARC task JSON (one task, or a Kaggle challenges file).",
                "--inputs F --save-outputs O writes every step's logits, q values and predictions with the reference oracle's names."})
public final class SolveCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelOptions model;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PUZZLE", description = "A Sudoku: 16, 36 or 81 characters, row by row (or a maze's N*N characters).")
    String puzzle;

    @Option(names = "--file", paramLabel = "F", description = "Sudoku puzzles (one a line, or the CSV layout source,question,answer,rating), mazes (CSV or drawn), or ARC JSON.")
    Path file;

    @Option(names = "--limit", paramLabel = "N", description = "At most N puzzles of --file (default: all).")
    Integer limit;

    @Option(names = "--show-steps", description = "Print the answer after every supervision step with its Q-halt logit.")
    boolean showSteps;

    @Option(names = "--json", description = "Machine-readable output (one JSON object).")
    boolean json;

    @Option(names = "--inputs", paramLabel = "F",
            description = "Raw token rows: a text file (one row of token ids a line) or safetensors (int inputs [B, L], optional puzzle_identifiers [B]).")
    Path inputs;

    @Option(names = "--save-outputs", paramLabel = "O.safetensors",
            description = "With --inputs: write logits_step{k} [B,L,V], q_halt_step{k} [B], q_continue_step{k} [B], preds_step{k} [B,L] for k = 1..steps.")
    Path saveOutputs;

    @Option(names = "--steps", paramLabel = "N", description = "Supervision steps (default: the config's halt_max_steps; later steps restart after a halt as the reference does).")
    Integer steps;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Puzzles per batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--aug", paramLabel = "N", defaultValue = "0",
            description = "ARC: augmented copies of each task besides the original (dihedral x colour), voted together (default ${DEFAULT-VALUE}).")
    int aug;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "ARC: seed of the augmentations (default ${DEFAULT-VALUE}).")
    long seed;

    @Override public void run() {
        int sources = (puzzle != null ? 1 : 0) + (file != null ? 1 : 0) + (inputs != null ? 1 : 0);
        if (sources != 1) throw new IllegalArgumentException("give one of: a PUZZLE, --file F, --inputs F");
        if (saveOutputs != null && inputs == null) throw new IllegalArgumentException("--save-outputs needs --inputs");
        if (steps != null && steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (limit != null && limit < 1) throw new IllegalArgumentException("--limit must be >= 1, got " + limit);
        if (aug < 0) throw new IllegalArgumentException("--aug must be >= 0, got " + aug);
        int n = steps != null ? steps : -1;
        PrintWriter out = spec.commandLine().getOut();
        if (inputs != null) {
            rawTokens(model.open());
            return;
        }
        // Bad input fails before the model loads.
        try {
            if (file != null && ArcInputs.isArcJson(file)) {
                List<ArcTask> tasks = ArcInputs.read(file);
                if (limit != null && limit < tasks.size()) tasks = tasks.subList(0, limit);
                LoadedModel m = model.open();
                ArcSolve.solve(m, model.device(), tasks, aug, seed, batch, n > 0 ? n : m.config().haltMaxSteps(), showSteps, json, out);
                out.flush();
                return;
            }
            List<MazePuzzle> mazes = null;
            if (puzzle != null && puzzle.indexOf('#') >= 0) {
                var q = MazeGrid.parse(puzzle);
                mazes = List.of(new MazePuzzle("command line", q, q, 0));
            } else if (file != null && Files.isRegularFile(file) && MazeSolve.looksLikeMaze(Files.readAllLines(file))) {
                mazes = MazeSolve.read(file, limit);
            }
            if (mazes != null) {
                LoadedModel m = model.open();
                MazeSolve.solve(m, model.device(), mazes, batch, n > 0 ? n : m.config().haltMaxSteps(), showSteps, json, out);
                out.flush();
                return;
            }
        } catch (BadDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(file + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<SudokuPuzzle> sudokus = readSudokus();
        solveSudokus(model.open(), sudokus);
    }

    // ------------------------------------------------------------------------------------------ Sudoku

    private List<SudokuPuzzle> readSudokus() {
        try {
            if (puzzle != null) {
                String s = puzzle.strip();
                SudokuShape shape = SudokuShape.ofCells(s.length());
                int[] q = SudokuGrid.parse(s, shape, true);
                SudokuSolver.Result r = SudokuSolver.solve(q, shape, 2);
                // The exact answer (when there is exactly one) is only used to say whether the model found it.
                return List.of(new SudokuPuzzle("command line", shape, q, r.unique() ? r.first() : new int[q.length], 0));
            }
            List<SudokuPuzzle> l = SudokuFiles.read(file, limit == null ? Integer.MAX_VALUE : limit, Progress.NONE);
            if (l.isEmpty()) throw new IllegalArgumentException(file + ": no puzzles");
            SudokuShape shape = l.get(0).shape();
            for (SudokuPuzzle p : l)
                if (!p.shape().equals(shape)) throw new IllegalArgumentException(file + ": puzzles of different sizes (" + shape.label() + " and " + p.shape().label() + ")");
            return l;
        } catch (BadDataException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void solveSudokus(LoadedModel m, List<SudokuPuzzle> puzzles) {
        TrmConfig c = m.config();
        SudokuShape shape = puzzles.get(0).shape();
        if (c.seqLen() != shape.cells())
            throw new IllegalArgumentException("the model takes " + c.seqLen() + " tokens, a " + shape.label() + " Sudoku has " + shape.cells()
                    + " (was it trained on " + shape.label() + "?)");
        if (c.vocabSize() < shape.n() + 2)
            throw new IllegalArgumentException("the model's vocabulary (" + c.vocabSize() + " tokens) cannot hold the digits of a " + shape.label() + " Sudoku");
        MemoryDataSet.Builder b = SudokuSets.builder(shape);
        for (int i = 0; i < puzzles.size(); i++) {
            SudokuPuzzle p = puzzles.get(i);
            int[] lab = p.labelTokens();
            if (p.answer()[0] == 0) java.util.Arrays.fill(lab, Losses.IGNORE);   // no known answer
            b.add(p.inputTokens(), lab, 0, i);
        }
        MemoryDataSet ex = b.build();
        int n = steps != null ? steps : c.haltMaxSteps();
        List<ExampleResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        try (BatchRunner runner = new BatchRunner(m.params(), Math.min(batch, puzzles.size()), n, model.device())) {
            runner.run(ex, puzzles.size() > runner.batch() && !json ? Progress.stderr() : Progress.NONE, results::add);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) printJson(out, puzzles, results, c, n);
        else printText(out, puzzles, results, c, n, seconds);
        out.flush();
    }

    private void printText(PrintWriter out, List<SudokuPuzzle> puzzles, List<ExampleResult> results, TrmConfig c, int n, double seconds) {
        int valid = 0;
        for (int i = 0; i < puzzles.size(); i++) {
            SudokuPuzzle p = puzzles.get(i);
            ExampleResult r = results.get(i);
            SudokuShape shape = p.shape();
            if (puzzles.size() > 1) out.printf(Locale.ROOT, "puzzle %d of %d%n", i + 1, puzzles.size());
            if (showSteps) Steps.print(out, r, t -> SudokuGrid.board(SudokuShow.digits(t, shape), shape));
            int[] answer = SudokuShow.digits(r.finalPreds(), shape);
            out.print(SudokuShow.boards(p.question(), answer, shape));
            String problem = SudokuShow.problem(p.question(), answer, shape);
            if (problem == null) valid++;
            out.printf(Locale.ROOT, "%s%s; q_halt %+.3f after %d steps, first halt signal at step %d%n",
                    SudokuShow.verdict(p.question(), answer, shape),
                    p.answer()[0] == 0 ? "" : java.util.Arrays.equals(answer, p.answer()) ? " (the known solution)" : "",
                    r.finalQHalt(), n, r.haltingStep(c.haltMaxSteps()));
            if (i < puzzles.size() - 1) out.println();
        }
        if (puzzles.size() > 1)
            out.printf(Locale.ROOT, "%n%d of %d puzzles solved (valid solutions), %.1f puzzles/s%n", valid, puzzles.size(), puzzles.size() / seconds);
    }

    private void printJson(PrintWriter out, List<SudokuPuzzle> puzzles, List<ExampleResult> results, TrmConfig c, int n) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        root.put("steps", n);
        ArrayNode arr = root.putArray("puzzles");
        int valid = 0;
        for (int i = 0; i < puzzles.size(); i++) {
            SudokuPuzzle p = puzzles.get(i);
            ExampleResult r = results.get(i);
            int[] answer = SudokuShow.digits(r.finalPreds(), p.shape());
            String problem = SudokuShow.problem(p.question(), answer, p.shape());
            if (problem == null) valid++;
            ObjectNode o = arr.addObject();
            o.put("puzzle", SudokuGrid.format(p.question()));
            o.put("answer", SudokuGrid.format(answer));
            o.put("valid", problem == null);
            if (problem != null) o.put("problem", problem);
            if (p.answer()[0] != 0) o.put("known_solution", java.util.Arrays.equals(answer, p.answer()));
            o.put("q_halt", r.finalQHalt());
            o.put("halting_step", r.haltingStep(c.haltMaxSteps()));
            if (showSteps) Steps.json(o.putArray("steps"), r, t -> SudokuGrid.format(SudokuShow.digits(t, p.shape())));
        }
        root.put("valid", valid);
        root.put("total", puzzles.size());
        try {
            out.println(om.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ raw tokens

    private void rawTokens(LoadedModel m) {
        TrmConfig c = m.config();
        PrintWriter out = spec.commandLine().getOut();
        TokenInputs in;
        try {
            in = TokenInputs.read(inputs, c);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        int n = steps != null ? steps : c.haltMaxSteps();
        InferenceResult r;
        try (InferenceGraph g = new InferenceGraph(m.params(), in.batch(), n, saveOutputs != null, model.device())) {
            r = g.run(in.inputs(), in.puzzleIds());
        }
        if (saveOutputs != null) {
            try {
                StepOutputs.write(saveOutputs, r, c, in.batch());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + saveOutputs + ": " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "wrote %s: %d steps of %d rows (logits, q_halt, q_continue, preds)%n", saveOutputs, n, in.batch());
        } else {
            int s = c.seqLen();
            for (int b = 0; b < in.batch(); b++) {
                StringBuilder sb = new StringBuilder();
                for (int t = 0; t < s; t++) sb.append(t == 0 ? "" : " ").append(r.finalPredictions()[b * s + t]);
                out.println(sb);
            }
        }
        out.flush();
    }
}
