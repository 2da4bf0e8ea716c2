package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;

/**
 * Gradient accumulation: a step of 8 slots done as 2 groups of 4 equals the one-graph step of 8 up to the order of
 * the float sums: same halting and metrics counts, gradients within 1e-5 of each tensor's largest magnitude,
 * weights within 2.5e-4 (an AdamATan2 step moves an element by about lr whatever its gradient, so a gradient that
 * is rounding noise can move it either way), and the carry within rounding.
 */
class GradientAccumulationTest {
    static final int B = 8, M = 4, STEPS = 3;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-att, java", "tiny-mlp, java", "tiny-att, opencl:0:0", "tiny-wide, java"})
    void twoGroupsOfFourEqualOneBatchOfEight(String preset, String deviceId) {
        TrmConfig c = preset.equals("tiny-wide")   // puzzle_emb_ndim 24 != D 16, spread over 2 prefix rows
                ? Presets.tinyAtt().toBuilder().name("tiny-wide").puzzleEmbNdim(24).puzzleEmbLen(2).build() : Presets.get(preset);
        Parameters whole = GraphFixtures.params(c, 5), split = GraphFixtures.params(c, 5);
        TrainingHyper h = TrainingHyper.constant(1e-4, 1e-2, 0.1, 0.1, B);
        var dev = GraphFixtures.device(deviceId);
        try (TrainingStepGraph one = new TrainingStepGraph(whole, B, h, dev);
             TrainingStepGraph two = new TrainingStepGraph(split, B, M, h, dev)) {
            assertEquals(M, two.microBatchSize());
            for (int k = 0; k < STEPS; k++) {
                Batch b = GraphFixtures.batch(c, B, 20 + k);
                // the second batch repeats puzzle ids across the two groups: sign-SGD must sum before the sign
                int[] minHalt = {0, 3, 0, 0, 2, 0, 0, 4};
                StepResult r1 = one.step(b, minHalt, 1e-4, 1e-2);
                StepResult r2 = two.step(b, minHalt, 1e-4, 1e-2);
                String at = c.name() + " on " + deviceId + " step " + (k + 1) + ": ";
                assertArrayEquals(r1.halted(), r2.halted(), at + "halted");
                assertEquals(r1.count(), r2.count(), at + "count");
                assertEquals(r1.exactAccuracy(), r2.exactAccuracy(), at + "exact");
                assertEquals(r1.steps(), r2.steps(), at + "steps");
                assertEquals(r1.lmLoss(), r2.lmLoss(), 1e-5 * Math.abs(r1.lmLoss()), at + "lm_loss");
                assertEquals(r1.qHaltLoss(), r2.qHaltLoss(), 1e-5 * Math.abs(r1.qHaltLoss()) + 1e-9, at + "q_halt_loss");
                for (Map.Entry<String, float[]> e : one.gradients().entrySet())
                    close(e.getValue(), two.gradients().get(e.getKey()), 1e-5, 0, at + "grad " + e.getKey());
                close(one.puzzleSlotGradients(), two.puzzleSlotGradients(), 1e-5, 0, at + "puzzle slot grads");
                Parameters p1 = one.syncToHost(), p2 = two.syncToHost();
                for (String n : p1.names()) close(p1.get(n).toHeapArray(), p2.get(n).toHeapArray(), 0, 2.5e-4, at + "param " + n);
                float[][] c1 = one.carry(), c2 = two.carry();
                close(c1[0], c2[0], 1e-4, 0, at + "z_H");
                assertTrue(one.nonFiniteGradient().isEmpty() && two.nonFiniteGradient().isEmpty());
            }
        }
    }

    /** |a - b| <= frac * max|a| + atol, element by element. */
    static void close(float[] a, float[] b, double frac, double atol, String what) {
        assertEquals(a.length, b.length, what);
        double max = 0;
        for (float v : a) max = Math.max(max, Math.abs(v));
        double tol = frac * max + atol, worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
        assertTrue(worst <= tol, what + ": max |diff| " + worst + " > " + tol);
    }
}
