package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trm4j.api.FloatArray;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.reference.RefConfig;
import org.trm4j.model.reference.RefOptimizer;
import org.trm4j.model.reference.RefParams;
import org.trm4j.model.reference.RefTrainer;
import org.trm4j.model.reference.TrmReference;

/**
 * The training step graph against the float64 reference (org.trm4j.model.reference.RefTrainer), step by step over
 * four ACT steps of a batch of 3 with halting and slot resets, on the JVM backend and on OpenCL:
 * logits, q logits, losses, metrics, halted flags and step counts, EVERY gradient (the puzzle embedding's per slot
 * and summed per row), the parameters after the optimizer, and at the end the EMA and the Adam moments.
 * Tolerance: see {@link GraphFixtures} (1e-4 relative, floor 10% of each tensor's largest magnitude).
 *
 * <p>Each step is compared from the same state: after a step, the reference takes the graph's parameters, Adam
 * moments, EMA and carry (teacher forcing). Without it the float32 and float64 trajectories drift apart
 * for a reason that is not an error: AdamATan2 normalises every element by its own gradient history, so the
 * float32 rounding of a gradient element that is tiny next to its tensor's scale becomes a difference of the
 * size of the update (lr / bc1), which the next step's recursion then amplifies (seen: ~10x per step on
 * tiny-mlp at lr 1e-3). Steps, halting, resets, the carry kept between steps and the optimizer state are still
 * the graph's own; the reference only starts each step where the graph started it.
 *
 * <p>Halting is driven by min_halt_steps: q_halt starts near +3 (every slot wants to halt), so
 * slot 0 halts after step 1 and restarts on step 2's example, slot 1 halts after step 3 and restarts in step 4,
 * slot 2 never halts; at step 1 slot 2's labels are the reference's own predictions (an exactly right sequence).
 */
class TrainingStepGraphTest {
    static final int B = 3;
    static final int[][] MIN_HALT = {{0, 3, 16}, {5, 3, 16}, {5, 0, 16}, {0, 0, 16}};
    static final boolean T = true, F = false;
    static final boolean[][] HALTED = {{T, F, F}, {F, F, F}, {F, T, F}, {T, T, F}};
    static final double LR = 1e-4, PUZZLE_LR = 1e-2, WD = 1.0, PUZZLE_WD = 0.1;

    /** The four incoming batches; slot 2's labels of the first are the reference's predictions (one ignored). */
    static List<Batch> batches(TrmConfig c, Map<String, double[]> p0) {
        List<Batch> bs = new ArrayList<>();
        for (int k = 0; k < MIN_HALT.length; k++) bs.add(GraphFixtures.batch(c, B, 100 + k));
        Batch first = bs.get(0);
        var probe = RefTrainer.runSteps(RefConfig.of(c), p0, List.of(GraphFixtures.toRef(first)), null,
                RefOptimizer.Hyper.constant(LR, PUZZLE_LR, WD, PUZZLE_WD, B)).get(0);
        int[] labels = first.labels().clone();
        int s = c.seqLen();
        for (int t = 0; t < s; t++) labels[2 * s + t] = probe.loss().preds()[2 * s + t];
        labels[2 * s + 1] = org.trm4j.kernels.Losses.IGNORE;
        bs.set(0, new Batch(first.inputs(), labels, first.puzzleIds()));
        return bs;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-mlp, java", "tiny-att, java", "tiny-mlp, opencl:0:0", "tiny-att, opencl:0:0", "tiny-mlp, vector", "tiny-att, vector"})
    void matchesTheFloat64Reference(String preset, String deviceId) {
        TrmConfig c = Presets.get(preset);
        Parameters params = GraphFixtures.params(c, 11);
        Map<String, double[]> p0 = RefParams.fromParameters(params);
        RefConfig rc = RefConfig.of(c);
        RefOptimizer.Hyper refHyper = RefOptimizer.Hyper.constant(LR, PUZZLE_LR, WD, PUZZLE_WD, B);
        List<Batch> batches = batches(c, p0);
        RefTrainer ref = new RefTrainer(rc, p0, B, refHyper);
        GraphFixtures.Report report = new GraphFixtures.Report(preset + " on " + deviceId + ": step graph vs float64 reference");
        boolean sawExact = false;

        try (TrainingStepGraph g = new TrainingStepGraph(params, B, TrainingHyper.constant(LR, PUZZLE_LR, WD, PUZZLE_WD, B),
                GraphFixtures.device(deviceId))) {
            assertFalse(GraphFixtures.device(deviceId).type() == org.trm4j.api.DeviceType.JVM && g.tiledLinear(), "no emulated KernelContext linear kernel on the JVM");
            for (int k = 0; k < batches.size(); k++) {
                String at = "step " + (k + 1) + " ";
                if (k > 0) teacherForce(ref, g, rc);
                RefTrainer.StepRecord want = ref.step(GraphFixtures.toRef(batches.get(k)), MIN_HALT[k]);
                StepResult got = g.step(batches.get(k), MIN_HALT[k], want.lr(), want.puzzleLr());

                assertArrayEquals(HALTED[k], want.halted(), at + "reference halting (fixture)");
                assertArrayEquals(want.halted(), got.halted(), at + "halted");
                assertArrayEquals(want.steps(), g.slotSteps(), at + "steps");
                assertEquals(k + 1, got.step());
                TrmReference.Metrics m = want.metrics();
                assertEquals(m.count(), got.count(), at + "count");
                assertEquals(m.exactAccuracy(), got.exactAccuracy(), at + "exact");
                assertEquals(m.qHaltAccuracy(), got.qHaltAccuracy(), at + "q-halt accuracy");
                assertEquals(m.steps(), got.steps(), at + "steps sum");
                for (boolean e : want.loss().seqCorrect()) sawExact |= e;
                report.compare(at + "metric accuracy", new double[] {got.accuracy()}, new double[] {m.accuracy()});
                report.compare(at + "lm_loss", new double[] {got.lmLoss()}, new double[] {m.lmLoss()});
                report.compare(at + "q_halt_loss", new double[] {got.qHaltLoss()}, new double[] {m.qHaltLoss()});

                report.compare(at + "logits", g.tokenLogits(), want.logits());
                float[] q = g.qLogits();
                double[] qh = new double[B], qc = new double[B];
                for (int b = 0; b < B; b++) { qh[b] = q[2 * b]; qc[b] = q[2 * b + 1]; }
                report.compare(at + "q halt", qh, want.qHalt());
                report.compare(at + "q continue", qc, want.qContinue());
                float[][] carry = g.carry();
                report.compare(at + "carry z_H", carry[0], want.carry().zH());
                report.compare(at + "carry z_L", carry[1], want.carry().zL());

                report.compareAll(at + "grad ", g.gradients(), want.grads());
                if (c.hasPuzzleEmb()) {
                    float[] slot = g.puzzleSlotGradients();
                    report.compare(at + "grad puzzle_emb per slot", slot, want.puzzleSlotGrads());
                    report.compare(at + "grad " + ParameterSpec.PUZZLE_EMB, densePuzzleGrad(c, slot, want.current().puzzleIds()),
                            want.grads().get(ParameterSpec.PUZZLE_EMB));
                }
                Parameters now = g.syncToHost();
                report.compare(at + "loss total", new double[] {got.objective(B)}, new double[] {want.loss().scaledTotal()});
                for (String n : RefParams.gradientNames(rc))
                    report.compare(at + "param after " + n, now.get(n).toHeapArray(), want.paramsAfter().get(n));
                for (String n : RefParams.adamNames(rc))
                    report.compare(at + "ema after " + n, now.ema(n).toHeapArray(), want.emaAfter().get(n));
                // buffers never change
                assertArrayEquals(toFloat(p0.get(ParameterSpec.H_INIT)), now.get(ParameterSpec.H_INIT).toHeapArray());
            }
            Parameters.OptimizerState o = g.syncToHost().optimizerState();
            assertEquals(MIN_HALT.length, o.step());
            for (String n : o.names()) {
                report.compare("final exp_avg " + n, o.expAvg(n).toHeapArray(), ref.optimizer().adamM().get(n));
                report.compare("final exp_avg_sq " + n, o.expAvgSq(n).toHeapArray(), ref.optimizer().adamV().get(n));
            }
        }
        assertTrue(sawExact, "the fixture should have an exactly right sequence");
        report.check();
    }

    /** The reference continues from the graph's parameters, Adam moments, EMA and carry. */
    static void teacherForce(RefTrainer ref, TrainingStepGraph g, RefConfig rc) {
        Parameters p = g.syncToHost();
        for (String n : RefParams.shapes(rc).keySet()) into(ref.params().get(n), p.get(n).toHeapArray());
        Parameters.OptimizerState o = p.optimizerState();
        for (String n : o.names()) {
            into(ref.optimizer().adamM().get(n), o.expAvg(n).toHeapArray());
            into(ref.optimizer().adamV().get(n), o.expAvgSq(n).toHeapArray());
            into(ref.optimizer().ema().get(n), p.ema(n).toHeapArray());
        }
        float[][] carry = g.carry();
        ref.state().zH = GraphFixtures.toDouble(carry[0]);
        ref.state().zL = GraphFixtures.toDouble(carry[1]);
    }

    private static void into(double[] dst, float[] src) {
        assertEquals(dst.length, src.length);
        for (int i = 0; i < src.length; i++) dst[i] = src[i];
    }

    static double[] densePuzzleGrad(TrmConfig c, float[] slot, int[] ids) {
        int d = c.puzzleEmbNdim();
        double[] dense = new double[c.numPuzzleIdentifiers() * d];
        for (int b = 0; b < ids.length; b++)
            for (int k = 0; k < d; k++) dense[ids[b] * d + k] += slot[b * d + k];
        return dense;
    }

    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }
}
