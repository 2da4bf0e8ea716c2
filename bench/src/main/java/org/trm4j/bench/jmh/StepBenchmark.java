package org.trm4j.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.trm4j.api.Device;
import org.trm4j.bench.LinearShapes;
import org.trm4j.bench.StepSuite;
import org.trm4j.cli.CliArgs;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The whole TRM training step (one execute() of the step graph) and inference with all halt_max_steps supervision
 * steps (one run of the inference graph), per device, as single shots: a Sudoku-MLP step takes seconds to minutes on
 * a CPU. Examples/s and puzzles/s = batch / time. A batch that does not fit the device fails its setup with the reason.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-XX:-DontCompileHugeMethods", "-Xss16m"})
public class StepBenchmark {
    @Param({"sudoku-mlp", "sudoku-att"})
    public String preset;
    @Param({"1", "8", "64", "768"})
    public int batch;
    /** Set to every device found by {@link BenchmarksMain}; {@code -p device=cuda:0} to choose. */
    @Param({"java"})
    public String device;

    private TrainingStepGraph step;
    private InferenceGraph infer;
    private TrmConfig c;
    private final Random rnd = new Random(7);

    @Setup(Level.Trial)
    public void setUp() {
        c = LinearShapes.preset(preset);
        Device d = BenchmarksMain.device(device);
        TrainingStepGraph.Footprint f = TrainingStepGraph.footprint(c, TrainingHyper.timing(batch));
        CliArgs.requireMemory("batch " + batch + " of " + preset, f.bytes(batch), f.bytes(batch), List.of(d),
                x -> "at most batch " + Math.max(1, f.maxBatch((long) (f.bytes(batch) * x))) + " fits");
        step = new TrainingStepGraph(Parameters.initialized(c, 1), batch, TrainingHyper.timing(batch), d);
        infer = new InferenceGraph(Parameters.initialized(c, 1), batch, d);
    }

    private Batch next() { return Batch.random(c, batch, rnd); }

    @Benchmark
    public Object trainingStep() { return step.step(next()); }

    @Benchmark
    public Object inferenceAllSteps() { return infer.run(next()); }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (step != null) step.close();
        if (infer != null) infer.close();
    }
}
