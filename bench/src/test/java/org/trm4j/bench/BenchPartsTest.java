package org.trm4j.bench;

import org.junit.jupiter.api.Test;
import org.trm4j.api.Devices;
import org.trm4j.api.FloatArray;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.kernels.Linear;
import org.trm4j.model.Presets;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces the report is made of: FLOP counts, the OpenBLAS binding, the PyTorch output parser, the results file. */
class BenchPartsTest {

    /** The reference's bench prints 25.6 and 42.7 GFLOP per Sudoku-MLP example (ref-oracle README, TRM-SPEC section 8). */
    @Test void flopsMatchTheReferenceCount() {
        double[] f = LinearShapes.flopsPerExample(Presets.sudokuMlp());
        assertEquals(25.6, f[0] / 1e9, 0.05);
        assertEquals(42.7, f[1] / 1e9, 0.05);
        assertEquals(4, LinearShapes.of(LinearShapes.sudokuAtt(), 8).size());
        assertEquals(776, LinearShapes.of(LinearShapes.sudokuAtt(), 8).getFirst().rows());
    }

    /** OpenBLAS computes each pass as the java kernels do (same layouts), or the race would compare different products. */
    @Test void openBlasPassesMatchTheJavaKernels() {
        OpenBlas blas = OpenBlas.load().orElseThrow(() -> new AssertionError("libopenblas.so.0 is required (libopenblas0-pthread)"));
        assertTrue(blas.describe().contains("threads"), blas.describe());
        int rows = 5, in = 7, out = 3;
        Random rnd = new Random(3);
        FloatArray x = LinearSuite.random(rnd, rows * in), w = LinearSuite.random(rnd, out * in), dy = LinearSuite.random(rnd, rows * out);
        FloatArray y = new FloatArray(rows * out), dx = new FloatArray(rows * in), dw = new FloatArray(out * in);
        FloatArray y2 = new FloatArray(rows * out), dx2 = new FloatArray(rows * in), dw2 = new FloatArray(out * in);
        TaskGraph g = new TaskGraph("r").transferToDevice(DataTransferMode.EVERY_EXECUTION, x, w, dy)
                .task("f", Linear::forward, x, w, y, rows, in, out)
                .task("i", Linear::backwardInput, dy, w, dx, rows, in, out, 0)
                .task("w", Linear::backwardWeight, dy, x, dw, rows, in, out)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, y, dx, dw);
        try (ExecutionPlan p = new ExecutionPlan(g.snapshot()).withDevice(Devices.get("java"))) {
            p.execute();
        }
        blas.forward(x.getSegment(), w.getSegment(), y2.getSegment(), rows, in, out);
        blas.backwardInput(dy.getSegment(), w.getSegment(), dx2.getSegment(), rows, in, out);
        blas.backwardWeight(dy.getSegment(), x.getSegment(), dw2.getSegment(), rows, in, out);
        for (int i = 0; i < y.getSize(); i++) assertEquals(y.get(i), y2.get(i), 1e-4, "forward " + i);
        for (int i = 0; i < dx.getSize(); i++) assertEquals(dx.get(i), dx2.get(i), 1e-4, "backwardInput " + i);
        for (int i = 0; i < dw.getSize(); i++) assertEquals(dw.get(i), dw2.get(i), 1e-4, "backwardWeight " + i);

        // The column-major calls cuBLAS gets, run by OpenBLAS in column-major order, give the same three results.
        FloatArray y3 = new FloatArray(rows * out), dx3 = new FloatArray(rows * in), dw3 = new FloatArray(out * in);
        java.util.Map<ColumnMajorGemm.Operand, FloatArray> arrays = java.util.Map.of(ColumnMajorGemm.Operand.X, x, ColumnMajorGemm.Operand.W, w,
                ColumnMajorGemm.Operand.DY, dy, ColumnMajorGemm.Operand.Y, y3, ColumnMajorGemm.Operand.DX, dx3, ColumnMajorGemm.Operand.DW, dw3);
        for (LinearSuite.Pass p : LinearSuite.Pass.values()) blas.columnMajor(ColumnMajorGemm.of(p, rows, in, out), o -> arrays.get(o).getSegment());
        for (int i = 0; i < y.getSize(); i++) assertEquals(y.get(i), y3.get(i), 1e-4, "column-major forward " + i);
        for (int i = 0; i < dx.getSize(); i++) assertEquals(dx.get(i), dx3.get(i), 1e-4, "column-major backwardInput " + i);
        for (int i = 0; i < dw.getSize(); i++) assertEquals(dw.get(i), dw3.get(i), 1e-4, "column-major backwardWeight " + i);
    }

    /** Without a CUDA toolkit cuBLAS is absent, and says why, instead of failing. */
    @Test void cuBlasAbsenceIsExplained() {
        String[] why = {null};
        var c = CuBlas.load(why);
        if (c.isPresent()) { c.get().close(); return; } // a machine with a GPU and the toolkit: nothing to explain
        assertTrue(why[0] != null && (why[0].contains("libcublas") || why[0].contains("libcudart") || why[0].contains("cuBLAS")), why[0]);
    }

    @Test void pyTorchOutputIsParsedAndFailuresNamed() {
        String out = """
                bench sudoku-mlp: batch 8, torch 1.13.1, torch.get_num_threads() = 2, OMP_NUM_THREADS=2
                matmul work per example and supervision step: forward 25.62 GFLOP, training step 42.72 GFLOP
                train step (fwd all H/L cycles + bwd + AdamATan2/sign-SGD): median 3214.2 ms over 2 runs (min 3100.0, max 3300.0); 2.49 puzzles/s; 106.3 GFLOP/s
                infer step (eval fwd, 1 supervision step): median 1756.0 ms over 2 runs (min 1700.0, max 1800.0); 4.56 puzzles/s; 116.7 GFLOP/s
                """;
        PyTorchReference r = PyTorchReference.parse(out, 0, "oracle bench");
        assertEquals(3214.2, r.trainMs(), 1e-9);
        assertEquals(1756.0, r.inferStepMs(), 1e-9);
        assertTrue(r.versionLine().contains("torch 1.13.1"));
        var e = assertThrows(IllegalStateException.class, () -> PyTorchReference.parse("Traceback...\nModuleNotFoundError: No module named 'torch'\n", 1, "oracle bench"));
        assertTrue(e.getMessage().contains("No module named 'torch'") && e.getMessage().contains("exit 1"), e.getMessage());
    }

    @Test void regeneratingKeepsWhatIsOutsideTheMarkers() {
        String first = ResultsFile.merge("# Benchmark results\n\n## Earlier\n\nold figures\n", "## run 1\n\n| a |\n");
        assertTrue(first.startsWith("# Benchmark results\n\n" + ResultsFile.BEGIN) && first.contains("old figures") && first.contains("run 1"), first);
        String second = ResultsFile.merge(first, "## run 2\n");
        assertTrue(second.contains("run 2") && !second.contains("run 1") && second.contains("old figures"), second);
        assertEquals(second, ResultsFile.merge(ResultsFile.merge(second, "## run 1\n"), "## run 2\n"));
    }
}
