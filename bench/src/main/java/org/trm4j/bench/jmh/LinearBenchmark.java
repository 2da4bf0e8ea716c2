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
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.TaskGraph;
import org.trm4j.bench.LinearShapes;
import org.trm4j.bench.LinearSuite;
import org.trm4j.kernels.LinearVariant;

import java.util.concurrent.TimeUnit;

/**
 * One linear layer's pass at TRM's real shapes: wall time of an execute() of a one-task graph with the data resident
 * on the device, for the kernel the step graph uses there (LinearTuner's choice, as `trm bench` times;
 * {@code -p kernel=NAME} for another variant by its linear-bench name); {@link OpenBlasBenchmark} times OpenBLAS's sgemm on the same shapes. GFLOP/s = 2·rows·in·out / time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector", "-XX:-DontCompileHugeMethods", "-Xss16m"})
public class LinearBenchmark {
    @Param({"sudoku-mlp", "sudoku-att"})
    public String preset;
    @Param({"1", "8", "64", "768"})
    public int batch;
    /** Index into the preset's layers (LinearShapes.of): 0, 1 the token MLP or attention, 2, 3 the channel MLP. */
    @Param({"0", "1", "2", "3"})
    public int layer;
    @Param({"forward", "backwardInput", "backwardWeight"})
    public LinearSuite.Pass pass;
    /** Set to every device found by {@link BenchmarksMain}; {@code -p device=opencl:0:0,cuda:0} to choose. */
    @Param({"java"})
    public String device;

    /** "tuned": the step graph's choice; else a variant's name (forwardPanel128, backwardWeightBlocked...). */
    @Param({"tuned"})
    public String kernel;

    private ExecutionPlan plan;

    @Setup(Level.Trial)
    public void setUp() {
        LinearShapes.Shape s = LinearShapes.of(LinearShapes.preset(preset), batch).get(layer);
        System.out.println("# " + preset + " " + s.layer() + " " + s.dims() + " " + pass + " on " + device + ": " + s.flops() / 1e9 + " GFLOP per op");
        LinearSuite.Arrays a = LinearSuite.Arrays.random(s, 1);
        Device d = BenchmarksMain.device(device);
        LinearSuite.Variant best;
        if (kernel.equals("tuned")) best = a.chosen(pass, d);
        else {
            LinearVariant v = LinearVariant.all(LinearSuite.op(pass)).stream().filter(x -> x.name().equals(kernel)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no " + pass + " kernel \"" + kernel + "\"; see trm linear-bench"));
            best = a.of(v);
        }
        System.out.println("# kernel: " + best.name());
        TaskGraph g = new TaskGraph("b");
        best.task().accept(g);
        plan = new ExecutionPlan(g.snapshot()).withDevice(d);
        if (best.grid() != null) plan.withGridScheduler(new GridScheduler("b.t", best.grid()));
    }

    @Benchmark
    public void pass() {
        plan.execute();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (plan != null) plan.close();
    }
}
