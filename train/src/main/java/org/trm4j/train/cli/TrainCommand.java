package org.trm4j.train.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.ReferenceConfig;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.train.BatchFile;
import org.trm4j.train.BatchSource;
import org.trm4j.train.TrainingCurves;
import org.trm4j.train.ExampleSampler;
import org.trm4j.train.MetricsLog;
import org.trm4j.train.ProgressReporter;
import org.trm4j.train.Recipe;
import org.trm4j.train.RunCheckpoint;
import org.trm4j.train.TrainSettings;
import org.trm4j.train.Trainer;
import org.trm4j.train.TrainerOutput;
import org.trm4j.train.data.DataSet;
import org.trm4j.train.data.DataSetMeta;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `trm train`: the reference's pretrain.py on one device. Two ways to feed it: a data set ({@code --data DIR} with
 * DIR/train and DIR/test, written by {@code trm data build}) into a run directory ({@code --out}), or one fixed
 * batch repeated every step ({@code --batch-file}, as the reference oracle's {@code train}) from a checkpoint to a
 * checkpoint ({@code --init}, {@code --save}).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a TRM as the reference's pretrain.py does: ACT carry with halting exploration, AdamATan2 + sign-SGD, "
                + "warm-up + cosine schedule, EMA, gradient accumulation over micro-batches; evaluation with the EMA weights, "
                + "metrics (RUN_DIR/metrics.jsonl), a chart of the curves (RUN_DIR/curves.png), checkpoints with the reference's "
                + "names (RUN_DIR/checkpoint.safetensors) that --resume continues exactly. Ctrl-C saves a checkpoint first.",
                "Model: --recipe, --preset or --init (with --config for a checkpoint without a trm4j config). Defaults are "
                + "the reference's config/cfg_pretrain.yaml with ema on; a recipe sets every hyper-parameter as the reference's README runs."})
public final class TrainCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "Data set directory with train/ and test/ (trm data build --out DIR).")
    Path data;
    @Option(names = "--batch-file", paramLabel = "F", description = "Train on this one batch every step (safetensors: int32 inputs and labels [B, L], -100 = ignored, optional puzzle_identifiers [B]).")
    Path batchFile;
    @Option(names = "--recipe", paramLabel = "R", description = "The reference's published run: sudoku-extreme, maze-hard or arc-agi-1 (model and every hyper-parameter).")
    String recipe;
    @Option(names = "--preset", paramLabel = "P", description = "Model preset (trm model presets); vocab, seq_len and puzzle ids come from the data, as in the reference.")
    String preset;
    @Option(names = "--init", paramLabel = "C", description = "Start from this checkpoint's weights (reference state-dict names; _orig_mod. accepted).")
    Path init;
    @Option(names = "--config", paramLabel = "CFG", description = "The model config as a JSON or YAML object with the reference's field names (the arch: section of all_config.yaml is accepted); missing fields come from --init's shapes.")
    Path config;
    @Option(names = "--device", paramLabel = "ID", description = "Device (trm devices); default: the first non-JVM device.")
    String device;
    @Option(names = "--batch", paramLabel = "B", description = "Global batch (default 768, or the batch file's).")
    Integer batch;
    @Option(names = "--micro-batch", paramLabel = "M", description = "Slots per gradient-accumulation group, a divisor of B (default B).")
    Integer microBatch;
    @Option(names = "--steps", paramLabel = "N", description = "Optimizer steps of the whole run.")
    Long steps;
    @Option(names = "--epochs", paramLabel = "E", description = "Run length in the reference's epochs: E x puzzles / B steps.")
    Long epochs;
    @Option(names = "--lr", paramLabel = "X", description = "AdamATan2 learning rate (default 1e-4).")
    Double lr;
    @Option(names = "--lr-warmup", paramLabel = "N", description = "Linear warm-up steps (default 2000).")
    Integer lrWarmup;
    @Option(names = "--lr-min-ratio", paramLabel = "X", description = "Cosine floor as a fraction of lr (default 1.0: constant after warm-up).")
    Double lrMinRatio;
    @Option(names = "--weight-decay", paramLabel = "X", description = "AdamATan2 weight decay (default 0.1).")
    Double weightDecay;
    @Option(names = "--puzzle-emb-lr", paramLabel = "X", description = "Sign-SGD learning rate of the puzzle embedding (default 1e-2).")
    Double puzzleEmbLr;
    @Option(names = "--puzzle-emb-weight-decay", paramLabel = "X", description = "Sign-SGD weight decay (default 0.1).")
    Double puzzleEmbWeightDecay;
    @Option(names = "--ema", paramLabel = "RATE", description = "EMA rate of the weights; 0 = no EMA (default 0.999).")
    Double ema;
    @Option(names = "--halt-exploration", paramLabel = "P", description = "Halting exploration probability (default: the config's, 0.1).")
    Double haltExploration;
    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initialisation, the data order and the exploration (default 0).")
    Long seed;
    @Option(names = "--eval-every", paramLabel = "K", description = "Steps between evaluations on DIR/test with the EMA weights (default: the recipe's, else only at the end).")
    Long evalEvery;
    @Option(names = "--eval-max", paramLabel = "N", description = "Test examples per evaluation at most, 0 = all (default 1000).")
    Integer evalMax;
    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Steps between checkpoints (default: at every evaluation, and at the end).")
    Long checkpointEvery;
    @Option(names = "--out", paramLabel = "RUN_DIR", description = "Run directory: metrics.jsonl, curves.png, checkpoint.safetensors.")
    Path out;
    @Option(names = "--resume", arity = "0..1", paramLabel = "RUN_DIR", fallbackValue = "", description = "Continue the run in RUN_DIR (default: --out) from its checkpoint, exactly.")
    String resume;
    @Option(names = "--save", paramLabel = "C2", description = "Also write the final weights, optimizer state and EMA (ema.*) here.")
    Path save;

    @Override public void run() {
        try {
            if (data == null && batchFile == null) throw new IllegalArgumentException("give --data DIR or --batch-file F");
            if (data != null && batchFile != null) throw new IllegalArgumentException("--data and --batch-file exclude each other");
            if (steps != null && epochs != null) throw new IllegalArgumentException("--steps and --epochs exclude each other");
            if (resume != null) resumeRun();
            else if (batchFile != null) batchFileRun();
            else dataRun();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new IllegalArgumentException(e.getCause().getMessage(), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ the modes

    private void batchFileRun() throws IOException {
        if (init == null && preset == null && recipe == null) throw new IllegalArgumentException("--batch-file needs a model: --init C [--config CFG] or --preset P");
        if (epochs != null) throw new IllegalArgumentException("--epochs needs --data (a batch file has no epochs)");
        Model m = model(null);
        Batch b = BatchFile.read(batchFile, m.config);
        int bsz = b.size();
        if (batch != null && batch != bsz) throw new IllegalArgumentException("--batch " + batch + " but " + batchFile + " holds " + bsz + " examples");
        TrainSettings s = settings(m, bsz, steps == null ? 1 : steps, 1);
        try (Trainer t = new Trainer(m.params, s, device(), BatchSource.fixed(b), null, out, output(null, 0))) {
            if (out != null) Files.createDirectories(out);
            try (StopSignal stop = new StopSignal()) {
                finish(t, t.run(stop));
            }
        }
    }

    private void dataRun() throws IOException {
        if (out == null) throw new IllegalArgumentException("--data needs --out RUN_DIR");
        try (DataSet train = DataSet.open(data.resolve("train")); DataSet test = openTest()) {
            Model m = model(train.meta());
            int bsz = batch != null ? batch : Recipe.GLOBAL_BATCH;
            long total = steps != null ? steps : epochs != null ? Math.max(1, epochs * puzzles(train.meta()) / bsz)
                    : recipeOrNull() != null ? Math.max(1, recipeOrNull().steps(puzzles(train.meta()), bsz)) : 0;
            if (total == 0) throw new IllegalArgumentException("give --steps N or --epochs E (or a --recipe)");
            long evalSteps = evalEvery != null ? evalEvery : recipeOrNull() != null ? recipeOrNull().evalSteps(puzzles(train.meta()), bsz) : 0;
            TrainSettings s = settings(m, bsz, total, evalSteps);
            chartTitle = m.config.name() + " on " + data.getFileName();
            if (Files.exists(out.resolve(RunCheckpoint.FILE)))
                throw new IllegalArgumentException(out + " already holds a run; continue it with --resume or choose another --out");
            Files.createDirectories(out);
            try (MetricsLog log = new MetricsLog(out, 0);
                 Trainer t = new Trainer(m.params, s, device(), new ExampleSampler(train, bsz, s.seed()), test, out, output(log, 5))) {
                System.out.println("training " + t + " on " + data + " (" + train.size() + " examples, " + (test == null ? 0 : test.size()) + " test)");
                try (StopSignal stop = new StopSignal()) {
                    finish(t, t.run(stop));
                    log.close();
                    System.out.println("chart: " + TrainingCurves.draw(out, chartTitle));
                }
            }
        }
    }

    private void resumeRun() throws IOException {
        Path dir = !resume.isEmpty() ? Path.of(resume) : out;
        if (dir == null) throw new IllegalArgumentException("--resume needs a run directory (--resume RUN_DIR or --out RUN_DIR)");
        if (out != null && !resume.isEmpty() && !out.equals(dir)) throw new IllegalArgumentException("--resume " + dir + " and --out " + out + " differ");
        if (data == null) throw new IllegalArgumentException("--resume needs the run's --data DIR");
        if (recipe != null || preset != null || init != null || config != null || lr != null || lrWarmup != null || lrMinRatio != null
                || weightDecay != null || puzzleEmbLr != null || puzzleEmbWeightDecay != null || ema != null || batch != null
                || microBatch != null || haltExploration != null || seed != null)
            throw new IllegalArgumentException("--resume continues with the run's own model and settings; only --steps/--epochs, --device and the eval/checkpoint cadence may be given");
        Path f = dir.resolve(RunCheckpoint.FILE);
        if (!Files.exists(f)) throw new IllegalArgumentException("no checkpoint to resume: " + f + " does not exist");
        RunCheckpoint.State st = RunCheckpoint.load(f);
        try (DataSet train = DataSet.open(data.resolve("train")); DataSet test = openTest()) {
            checkData(st.params().config(), train.meta());
            chartTitle = st.params().config().name() + " on " + data.getFileName();
            TrainSettings s = st.settings();
            if (steps != null) s = s.withTotalSteps(steps);
            else if (epochs != null) s = s.withTotalSteps(Math.max(1, epochs * puzzles(train.meta()) / s.batch()));
            if (evalEvery != null || checkpointEvery != null || evalMax != null)
                s = new TrainSettings(s.batch(), s.microBatch(), s.totalSteps(), evalEvery != null ? evalEvery : s.evalEvery(),
                        checkpointEvery != null ? checkpointEvery : s.checkpointEvery(), evalMax != null ? evalMax : s.evalMax(), s.lr(), s.warmup(),
                        s.lrMinRatio(), s.weightDecay(), s.puzzleEmbLr(), s.puzzleEmbWeightDecay(), s.emaRate(), s.seed(), s.stablemax());
            if (s.totalSteps() < st.step()) throw new IllegalArgumentException("the run is at step " + st.step() + ", past --steps " + s.totalSteps());
            try (MetricsLog log = new MetricsLog(dir, st.step());
                 Trainer t = Trainer.resume(st, s, device(), new ExampleSampler(train, s.batch(), s.seed()), test, dir, output(log, 5))) {
                System.out.println("resuming " + t + " at step " + st.step() + " from " + f);
                try (StopSignal stop = new StopSignal()) {
                    finish(t, t.run(stop));
                    log.close();
                    System.out.println("chart: " + TrainingCurves.draw(dir, chartTitle));
                }
            }
        }
    }

    private void finish(Trainer t, Trainer.Outcome o) throws IOException {
        if (save != null) Checkpoint.save(t.parameters(), save, true, t.settings().ema());
        double median = t.medianStepSeconds();
        System.out.printf(Locale.ROOT, "%s at step %d/%d: %.1f s of training%s%s%n",
                o == Trainer.Outcome.FINISHED ? "finished" : "stopped", t.step(), t.settings().totalSteps(), t.elapsedSeconds(),
                Double.isNaN(median) ? "" : String.format(Locale.ROOT, ", median step %.3f s (%.1f puzzles/s) after the first", median,
                        t.settings().batch() / median),
                save != null ? "; wrote " + save : "");
    }

    // ------------------------------------------------------------------------------------------------ the model

    private record Model(TrmConfig config, Parameters params, boolean stablemax) {}

    /** The model from --recipe / --preset / --init (+ --config), fitted to the data's vocab, seq_len and puzzle ids. */
    private Model model(DataSetMeta meta) throws IOException {
        int given = (recipe != null ? 1 : 0) + (preset != null ? 1 : 0) + (init != null ? 1 : 0);
        if (given != 1) throw new IllegalArgumentException("give exactly one of --recipe, --preset, --init");
        if (config != null && init == null) throw new IllegalArgumentException("--config goes with --init (presets and recipes carry their config)");
        long s = seed != null ? seed : 0;
        if (init != null) {
            if (!Files.isRegularFile(init)) throw new IllegalArgumentException("--init " + init + ": no such file");
            Map<String, Object> overrides = new LinkedHashMap<>();
            if (haltExploration != null) overrides.put("halt_exploration_prob", haltExploration);
            TrmConfig c;
            boolean stablemax = true;
            if (config != null) {
                if (!Files.isRegularFile(config)) throw new IllegalArgumentException("--config " + config + ": no such file");
                ReferenceConfig.Parsed p = ReferenceConfig.read(config, ReferenceConfig.shapesOf(init), overrides);
                c = p.config();
                stablemax = p.stablemax();
            } else {
                c = Checkpoint.readConfig(init).orElseThrow(() -> new IllegalArgumentException(
                        init + " carries no model config: give --config CFG (the reference's field names)"));
                if (haltExploration != null) c = c.toBuilder().haltExplorationProb(haltExploration).build();
            }
            if (meta != null) checkData(c, meta);
            Parameters p = Parameters.allocate(c);
            Checkpoint.load(init, p, true);
            p.resetOptimizerAndEma();   // a new run from these weights
            return new Model(c, p, stablemax);
        }
        TrmConfig c = Presets.get(recipe != null ? Recipe.get(recipe).preset() : preset);
        if (meta != null) c = c.toBuilder().vocabSize(meta.vocabSize()).seqLen(meta.seqLen()).numPuzzleIdentifiers(meta.numPuzzleIdentifiers()).build();
        if (haltExploration != null) c = c.toBuilder().haltExplorationProb(haltExploration).build();
        return new Model(c, Parameters.initialized(c, s), true);
    }

    private static void checkData(TrmConfig c, DataSetMeta meta) {
        if (c.vocabSize() < meta.vocabSize() || c.seqLen() != meta.seqLen() || c.numPuzzleIdentifiers() < meta.numPuzzleIdentifiers())
            throw new IllegalArgumentException("the model (vocab " + c.vocabSize() + ", seq_len " + c.seqLen() + ", " + c.numPuzzleIdentifiers()
                    + " puzzle ids) does not fit the data (vocab " + meta.vocabSize() + ", seq_len " + meta.seqLen() + ", "
                    + meta.numPuzzleIdentifiers() + " puzzle ids)");
    }

    private Recipe recipeOrNull() { return recipe == null ? null : Recipe.get(recipe); }

    private TrainSettings settings(Model m, int bsz, long total, long evalSteps) {
        Recipe r = recipeOrNull();
        int micro = microBatch != null ? microBatch : bsz;
        long ckpt = checkpointEvery != null ? checkpointEvery : evalSteps;
        return new TrainSettings(bsz, micro, total, evalSteps, ckpt, evalMax != null ? evalMax : 1000,
                lr != null ? lr : r != null ? r.lr() : 1e-4,
                lrWarmup != null ? lrWarmup : Recipe.WARMUP_STEPS,
                lrMinRatio != null ? lrMinRatio : Recipe.LR_MIN_RATIO,
                weightDecay != null ? weightDecay : r != null ? r.weightDecay() : 0.1,
                puzzleEmbLr != null ? puzzleEmbLr : r != null ? r.puzzleEmbLr() : 1e-2,
                puzzleEmbWeightDecay != null ? puzzleEmbWeightDecay : r != null ? r.puzzleEmbWeightDecay() : 0.1,
                ema != null ? ema : Recipe.EMA_RATE,
                seed != null ? seed : 0, m.stablemax);
    }

    private static int puzzles(DataSetMeta meta) { return Math.max(1, meta.puzzles() > 0 ? meta.puzzles() : meta.examples()); }

    // ------------------------------------------------------------------------------------------------ io

    private DataSet openTest() throws IOException {
        Path t = data.resolve("test");
        return Files.isDirectory(t) ? DataSet.open(t) : null;
    }

    private Device device() {
        try {
            return device == null ? Devices.defaultDevice() : Devices.get(device);
        } catch (IllegalArgumentException e) {
            // the first line: the runtime adds a line per backend without devices
            throw new IllegalArgumentException("--device " + device + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private TrainerOutput output(MetricsLog log, double plainEverySeconds) {
        PrintStream ps = System.out;
        boolean terminal = System.console() != null && System.console().isTerminal() && batchFile == null;
        ProgressReporter p = new ProgressReporter(ps, terminal, batchFile != null ? 0 : plainEverySeconds);
        return log == null ? p : TrainerOutput.all(p, log, chartAtCheckpoints(p));
    }

    /** Redraws RUN_DIR/curves.png at every checkpoint (a failure is reported, training goes on). */
    private TrainerOutput chartAtCheckpoints(ProgressReporter p) {
        TrainingCurves.warmUp();
        return new TrainerOutput() {
            @Override public void checkpoint(long step, Path file) {
                String chart = TrainingCurves.draw(file.getParent(), chartTitle);
                if (chart.startsWith("not drawn") && TrainingCurves.drawable()) p.message("chart " + chart); // said once at the end otherwise
            }
        };
    }

    private String chartTitle = "trm train";
}
