package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trm4j.api.Device;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;

/**
 * Train a few steps on a device, save with {@link Checkpoint}, load into fresh Parameters, run inference on the
 * same backend with the trained and with the loaded weights (and with both EMA copies): bit for bit equal.
 */
class CheckpointRoundTripTest {
    static final int B = 2;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-mlp, java", "tiny-att, java", "tiny-mlp, opencl:0:0", "tiny-att, opencl:0:0"})
    void savedWeightsInferBitForBit(String preset, String deviceId, @TempDir Path dir) throws Exception {
        TrmConfig c = Presets.get(preset);
        Device dev = GraphFixtures.device(deviceId);
        Parameters trained = GraphFixtures.params(c, 21);
        try (TrainingStepGraph g = new TrainingStepGraph(trained, B, TrainingHyper.constant(1e-3, 1e-2, 0.1, 0.1, B), dev)) {
            for (int k = 0; k < 3; k++) g.step(GraphFixtures.batch(c, B, 40 + k));
            g.syncToHost();
        }
        Path file = dir.resolve("trm.safetensors");
        Checkpoint.save(trained, file, true, true);
        Parameters loaded = Checkpoint.open(file);
        assertEquals(3, loaded.optimizerState().step());
        for (String n : trained.names()) assertArrayEquals(trained.get(n).toHeapArray(), loaded.get(n).toHeapArray(), n);

        Batch b = GraphFixtures.batch(c, B, 77);
        compare(run(trained, b, dev), run(loaded, b, dev));
        compare(run(trained.emaCopy(), b, dev), run(loaded.emaCopy(), b, dev));
    }

    record Out(InferenceResult r, float[] logits) {}

    static Out run(Parameters p, Batch b, Device dev) {
        try (InferenceGraph g = new InferenceGraph(p, B, dev)) {
            InferenceResult r = g.run(b);
            return new Out(r, g.tokenLogits());
        }
    }

    static void compare(Out a, Out b) {
        assertTrue(a.logits().length > 0);
        assertArrayEquals(a.logits(), b.logits(), "final logits, bit for bit");   // Arrays.equals on float: same bits
        for (int k = 0; k < a.r().steps(); k++) {
            assertArrayEquals(a.r().predictions()[k], b.r().predictions()[k], "predictions, step " + k);
            assertArrayEquals(a.r().qHalt()[k], b.r().qHalt()[k], "q halt, step " + k);
            assertArrayEquals(a.r().qContinue()[k], b.r().qContinue()[k], "q continue, step " + k);
        }
    }
}
