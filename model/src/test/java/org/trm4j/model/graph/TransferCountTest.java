package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm4j.kernels.Optimizers;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;

/**
 * Host<->device traffic of one training step and one inference run, after the first execution (which copies
 * every resident array in once): exactly the batch, min_halt_steps and the rates in; the metrics, halted
 * flags and non-finite-gradient flags out (training); inputs and puzzle ids in, predictions and q logits of every step out (inference).
 */
class TransferCountTest {
    static final int B = 2;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "opencl:0:0"})
    void trainingStepMovesOnlyTheBatchAndTheMetrics(String deviceId) {
        TrmConfig c = Presets.tinyAtt();
        Parameters p = GraphFixtures.params(c, 3);
        int s = c.seqLen();
        try (TrainingStepGraph g = new TrainingStepGraph(p, B, TrainingHyper.constant(1e-4, 1e-2, 1.0, 0.1, B), GraphFixtures.device(deviceId))) {
            StepResult first = g.step(GraphFixtures.batch(c, B, 1));
            assertTrue(first.copiesIn() > 5, "the first step copies every resident array in: " + first.copiesIn());
            assertEquals(3, first.copiesOut());
            for (int k = 2; k <= 4; k++) {
                StepResult r = g.step(GraphFixtures.batch(c, B, k));
                var prof = g.lastProfile();
                assertEquals(5, r.copiesIn(), "copies in: inputs, labels, puzzle ids, min_halt_steps, rates");
                assertEquals(3, r.copiesOut(), "copies out: metrics, halted, non-finite-gradient flags");
                assertEquals(4L * (B * s + B * s + B + B + Optimizers.RATES), prof.bytesIn());
                assertEquals(8L * 7 + 4L * B + 4L * (p.spec().withRole(org.trm4j.model.TensorSpec.Role.ADAM).size() + 1), prof.bytesOut());
            }
            System.out.printf("training step on %s: %d tasks; first step %d copies in, then 5 in / 3 out per step%n",
                    deviceId, g.taskCount(), first.copiesIn());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "opencl:0:0"})
    void inferenceRunMovesOnlyInputsAndAnswers(String deviceId) {
        TrmConfig c = Presets.tinyMlp();
        Parameters p = GraphFixtures.params(c, 4);
        int s = c.seqLen(), steps = c.haltMaxSteps();
        try (InferenceGraph g = new InferenceGraph(p, B, GraphFixtures.device(deviceId))) {
            Batch b = GraphFixtures.batch(c, B, 9);
            InferenceResult first = g.run(b);
            assertEquals(steps, first.steps());
            assertTrue(first.copiesIn() > 2);
            assertEquals(2, first.copiesOut());
            InferenceResult second = g.run(GraphFixtures.batch(c, B, 10));
            assertEquals(2, second.copiesIn(), "copies in: inputs, puzzle ids");
            assertEquals(2, second.copiesOut(), "copies out: predictions and q logits of every step");
            InferenceResult again = g.run(b);
            assertEquals(2, again.copiesIn());
            for (int k = 0; k < steps; k++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(first.predictions()[k], again.predictions()[k]);
                org.junit.jupiter.api.Assertions.assertArrayEquals(first.qHalt()[k], again.qHalt()[k]);
            }
            System.out.printf("inference on %s: %d tasks for %d steps; first run %d copies in, then 2 in / 2 out per run%n",
                    deviceId, g.taskCount(), steps, first.copiesIn());
        }
    }
}
