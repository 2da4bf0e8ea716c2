package org.trm4j.infer.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.infer.Evaluation;
import org.trm4j.infer.ExampleResult;
import org.trm4j.infer.LoadedModel;
import org.trm4j.infer.show.Steps;
import org.trm4j.infer.show.SudokuShow;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.train.TrainingCurves;
import org.trm4j.train.ExampleSampler;
import org.trm4j.train.MetricsLog;
import org.trm4j.train.ProgressReporter;
import org.trm4j.train.RunCheckpoint;
import org.trm4j.train.TrainSettings;
import org.trm4j.train.Trainer;
import org.trm4j.train.TrainerOutput;
import org.trm4j.train.data.Progress;
import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuShape;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `trm demo`: trains a small TRM on generated Sudokus for a fixed time on the fastest device, saves it, and scores
 * it on held-out puzzles it never trained on; shows one solved board step by step and where the training chart is.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a small TRM on generated 4x4 (or --size 6) Sudokus (at most --minutes on the fastest device found), save it,",
                "then solve held-out puzzles it never saw: their exact accuracy, one board step by step, the training chart.",
                "--quick: a smoke run of well under a minute (java device, a few hundred steps; its accuracy means little)."})
public final class DemoCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "A run of under a minute (CI): java device, 20 s of training, 100 held-out puzzles.")
    boolean quick;

    @Option(names = "--minutes", paramLabel = "M", description = "Training time at most, device trial included (default 10; --quick: 1/3).")
    Double minutes;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo", description = "Run directory: checkpoint, metrics, chart (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--device", paramLabel = "ID", description = "Train on this device instead of the fastest one found.")
    String device;

    @Option(names = "--size", paramLabel = "N", defaultValue = "4", description = "Board size: 4 or 6 (default ${DEFAULT-VALUE}; the figure in the README is for 4).")
    int size;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the puzzles, the weights and the data order (default ${DEFAULT-VALUE}).")
    long seed;

    /**
     * The demo's model: TRM-MLP (token mixing by an MLP over the 16 cells, as the paper's Sudoku model) on 4x4 Sudoku
     * with the reference's tokens, no puzzle embedding; small (one block of D 32) because on two CPU cores a small
     * model that takes more steps learns more in ten minutes. (Measured while choosing: the attention variant of the
     * same size stayed near 80% cell accuracy and 3% exact after 1800 steps; this one passed 95% exact in 500.)
     */
    static TrmConfig config() { return config(4); }

    /** {@link #config()} for a {@code size} x {@code size} board. */
    static TrmConfig config(int size) {
        return TrmConfig.builder().name("demo-sudoku" + size).vocabSize(SudokuShape.VOCAB).seqLen(size * size).noPuzzleEmb().hiddenSize(32).numHeads(2)
                .expansion(4.0).hCycles(2).lCycles(2).lLayers(1).mlpT(true).posEncodings(TrmConfig.POS_NONE).haltMaxSteps(6).build();
    }

    /**
     * Board size, batch, training puzzles, augmented copies of each, and the givens every puzzle is filled up to (0:
     * the generator's minimal puzzles as they are, 4 to 6 givens on 4x4, every one needed).
     */
    static final int BATCH = 64, TRAIN_PUZZLES = 3000, AUG = 3, GIVENS = 0;
    static final double LR = 3e-3;

    @Override public void run() {
        PrintWriter w = spec.commandLine().getOut();
        double budget = 60 * (minutes != null ? minutes : quick ? 1.0 / 3 : 10);
        if (!(budget > 0)) throw new IllegalArgumentException("--minutes must be > 0");
        long start = System.nanoTime();
        if (size != 4 && size != 6) throw new IllegalArgumentException("--size must be 4 or 6, got " + size);
        TrmConfig c = config(size);
        int testPuzzles = quick ? 100 : 500;
        w.printf(Locale.ROOT, "trm demo: a %s of %,d parameters (D %d, %s, H_cycles %d x L_cycles %d, %d supervision steps) for %dx%d Sudoku%n",
                c.mlpT() ? "TRM-MLP" : "TRM-Att", Parameters.allocate(c).trainableCount(), c.hiddenSize(), c.mlpT() ? "mlp_t" : "attention",
                c.hCycles(), c.lCycles(), c.haltMaxSteps(), size, size);
        DemoData data = DemoData.generate(size, quick ? 500 : TRAIN_PUZZLES, AUG, testPuzzles, GIVENS, seed);
        w.printf(Locale.ROOT, "puzzles (one solution each, %.1f givens on average): %d for training (x%d with augmented copies), %d held out "
                + "(none of their boards is in training; %d candidates dropped)%n",
                meanGivens(data), data.train().size() / (1 + AUG), 1 + AUG, data.test().size(), data.dropped());
        w.flush();

        // The device trial also gives the step time, from which the run's length (and the progress line's ETA) follows.
        List<Device> candidates = device != null ? List.of(Devices.get(device)) : quick ? List.of(Devices.get("java")) : Devices.list();
        w.println(candidates.size() > 1 ? "finding the fastest device (a few training steps each):" : "timing a few training steps:");
        w.flush();
        List<DeviceTrial.Result> trial = DeviceTrial.run(candidates, c, BATCH, data.train(), 3, l -> { w.println(l); w.flush(); });
        Device dev = DeviceTrial.fastest(trial);
        double stepSeconds = trial.stream().filter(r -> r.device() == dev).mapToDouble(DeviceTrial.Result::secondsPerStep).findFirst().orElse(1);
        double left = Math.max(5, budget - (System.nanoTime() - start) / 1e9);
        long steps = Math.max(10, (long) (left / stepSeconds));
        w.printf(Locale.ROOT, "training on %s for %.1f minutes, about %d steps of %d puzzles (it stops at the time limit)%n", dev.id(), left / 60,
                steps, BATCH);
        w.flush();

        Path ckpt = out.resolve(RunCheckpoint.FILE);
        TrainSettings s = new TrainSettings(BATCH, BATCH, steps, quick ? 0 : Math.max(50, steps / 6), 0, 200, LR, (int) Math.min(100, steps / 10),
                1.0, 0.1, 1e-2, 0.1, 0.0, seed, true);
        long deadline = System.nanoTime() + (long) (left * 1e9);
        try {
            Files.createDirectories(out);
            try (MetricsLog log = new MetricsLog(out, 0);
                 Trainer t = new Trainer(Parameters.initialized(c, seed), s, dev, new ExampleSampler(data.train(), BATCH, seed), data.test(), out,
                         TrainerOutput.all(new ProgressReporter(System.out, System.console() != null, 15), log))) {
                t.run(() -> System.nanoTime() > deadline);
                w.printf(Locale.ROOT, "trained %d steps (%d puzzles seen); checkpoint %s%n", t.step(), t.step() * BATCH, ckpt);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the run directory " + out + ": " + e.getMessage(), e);
        }

        LoadedModel m;
        try {
            m = LoadedModel.open(ckpt, null, null);
        } catch (IOException e) {
            throw new IllegalStateException("the checkpoint just written cannot be read: " + e.getMessage(), e);
        }
        List<ExampleResult> results = new ArrayList<>();
        Evaluation e = Evaluation.run(m.params(), data.test(), 100, dev, Progress.NONE, results::add);
        var mt = e.metrics();
        w.printf(Locale.ROOT, "%nheld-out puzzles solved exactly: %.1f%% (%d of %d); cell accuracy %.1f%%; mean halting step %.2f of %d%n",
                100 * mt.exactAccuracy(), mt.exactCount(), mt.count(), 100 * mt.tokenAccuracy(), mt.meanHaltingStep(), c.haltMaxSteps());
        showOne(w, data, results, size);
        w.printf(Locale.ROOT, "%ntraining curve: %s%n", TrainingCurves.draw(out, "trm demo: " + c.name()));
        w.printf(Locale.ROOT, "try it: ./trm solve --checkpoint %s --show-steps %s%n", ckpt, SudokuGrid.format(digits(data, 0, true, size)));
        w.printf(Locale.ROOT, "demo took %.1f minutes%n", (System.nanoTime() - start) / 6e10);
        w.flush();
    }

    /** The first held-out puzzle the model solved (else the first one), step by step. */
    private static void showOne(PrintWriter w, DemoData data, List<ExampleResult> results, int size) {
        SudokuShape shape = SudokuShape.of(size);
        int pick = 0;
        for (int i = 0; i < results.size(); i++) {
            int[] a = SudokuShow.digits(results.get(i).finalPreds(), shape);
            if (SudokuShow.problem(digits(data, i, true, size), a, shape) == null) { pick = i; break; }
        }
        ExampleResult r = results.get(pick);
        int[] q = digits(data, pick, true, size);
        w.printf(Locale.ROOT, "%nheld-out puzzle %d, answer after each supervision step:%n", pick + 1);
        Steps.print(w, r, t -> SudokuGrid.board(SudokuShow.digits(t, shape), shape));
        int[] a = SudokuShow.digits(r.finalPreds(), shape);
        w.print(SudokuShow.boards(q, a, shape));
        w.println(SudokuShow.verdict(q, a, shape));
    }

    private static double meanGivens(DemoData data) {
        long n = 0;
        int[] t = new int[data.test().meta().seqLen()];
        for (int i = 0; i < data.test().size(); i++) {
            data.test().inputs(i, t, 0);
            for (int v : t) if (v != SudokuShape.BLANK_TOKEN) n++;
        }
        return (double) n / Math.max(1, data.test().size());
    }

    private static int[] digits(DemoData data, int i, boolean question, int size) {
        int[] t = new int[size * size];
        if (question) data.test().inputs(i, t, 0); else data.test().labels(i, t, 0);
        return SudokuGrid.fromTokens(t, 0, t.length);
    }
}
