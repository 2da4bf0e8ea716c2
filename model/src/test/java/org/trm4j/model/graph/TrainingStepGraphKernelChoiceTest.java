package org.trm4j.model.graph;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever linear kernels the tuner picks, training is the same: two steps with the panel kernels (forward through
 * transposed weights, which must be re-made after each optimizer update) equal, bit for bit, two steps with the
 * fallback kernels (plain forward, backwardInputRows4, plain backwardWeight: the same sums in the same order); with
 * the 4x4-blocked kernels (a different order for accumulated gradients) they agree to rounding.
 */
class TrainingStepGraphKernelChoiceTest {
    static final int B = 3;
    static final int[][] MIN_HALT = {{0, 3, 16}, {5, 3, 16}};

    record Run(List<StepResult> steps, Map<String, float[]> params) {}

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-mlp, java", "tiny-att, opencl:0:0"})
    void panelKernelsTrainExactlyLikeTheFallbackOnes(String preset, String deviceId) {
        TrmConfig c = Presets.get(preset);
        Run fallback = train(c, deviceId, "forward,backwardInputRows4,backwardWeight");
        Run panels = train(c, deviceId, "forwardPanel64,backwardInputPanel128,backwardWeightPanel64");
        for (int k = 0; k < MIN_HALT.length; k++) {
            assertEquals(fallback.steps.get(k).lmLoss(), panels.steps.get(k).lmLoss(), 0.0, "step " + (k + 1) + " lm_loss");
            assertEquals(fallback.steps.get(k).qHaltLoss(), panels.steps.get(k).qHaltLoss(), 0.0, "step " + (k + 1) + " q_halt_loss");
        }
        for (var e : fallback.params.entrySet()) assertArrayEquals(e.getValue(), panels.params.get(e.getKey()), e.getKey() + " after 2 steps");

        Run blocked = train(c, deviceId, "forwardBlocked,backwardInputBlocked,backwardWeightBlocked");
        for (int k = 0; k < MIN_HALT.length; k++) {
            double want = fallback.steps.get(k).lmLoss(), got = blocked.steps.get(k).lmLoss();
            assertEquals(want, got, 1e-4 * Math.abs(want) + 1e-6, "blocked kernels, step " + (k + 1) + " lm_loss");
        }
    }

    static Run train(TrmConfig c, String deviceId, String kernels) {
        String old = System.getProperty("trm.linear.kernels");
        System.setProperty("trm.linear.kernels", kernels);
        try {
            Parameters params = GraphFixtures.params(c, 11);
            List<StepResult> steps = new ArrayList<>();
            try (TrainingStepGraph g = new TrainingStepGraph(params, B, TrainingHyper.constant(1e-3, 1e-2, 1.0, 0.1, B),
                    GraphFixtures.device(deviceId))) {
                for (int k = 0; k < MIN_HALT.length; k++)
                    steps.add(g.step(GraphFixtures.batch(c, B, 100 + k), MIN_HALT[k], 1e-3, 1e-2));
                Map<String, float[]> p = new java.util.TreeMap<>();
                g.syncToHost().tensors().forEach((name, t) -> p.put(name, t.toHeapArray()));
                assertTrue(p.size() > 3);
                return new Run(steps, p);
            }
        } finally {
            if (old == null) System.clearProperty("trm.linear.kernels");
            else System.setProperty("trm.linear.kernels", old);
        }
    }
}
