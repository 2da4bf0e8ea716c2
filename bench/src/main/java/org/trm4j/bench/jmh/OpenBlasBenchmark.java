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
import org.openjdk.jmh.annotations.Warmup;
import org.trm4j.bench.LinearShapes;
import org.trm4j.bench.LinearSuite;
import org.trm4j.bench.OpenBlas;

import java.util.concurrent.TimeUnit;

/** OpenBLAS's cblas_sgemm (through FFM) doing the passes of {@link LinearBenchmark}, same shapes and layouts. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class OpenBlasBenchmark {
    @Param({"sudoku-mlp", "sudoku-att"})
    public String preset;
    @Param({"1", "8", "64", "768"})
    public int batch;
    @Param({"0", "1", "2", "3"})
    public int layer;
    @Param({"forward", "backwardInput", "backwardWeight"})
    public LinearSuite.Pass pass;

    private Runnable call;

    @Setup(Level.Trial)
    public void setUp() {
        OpenBlas blas = OpenBlas.load().orElseThrow(() -> new IllegalStateException("libopenblas.so.0 not found (apt-get install libopenblas0-pthread)"));
        System.out.println("# " + blas.describe());
        call = LinearSuite.Arrays.random(LinearShapes.of(LinearShapes.preset(preset), batch).get(layer), 1).blas(blas, pass);
    }

    @Benchmark
    public void sgemm() { call.run(); }
}
