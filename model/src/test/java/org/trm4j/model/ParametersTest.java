package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.trm4j.api.FloatArray;

class ParametersTest {

    @Test void allocationFollowsTheSpec() {
        Parameters p = Parameters.allocate(Presets.tinyAtt());
        assertEquals(p.spec().names(), p.names());
        for (TensorSpec t : p.spec().tensors()) assertEquals(t.numel(), p.get(t.name()).getSize(), t.name());
        assertEquals(26_850, p.adamCount());
        assertEquals(26_898, p.trainableCount());
        assertEquals(26_930, p.totalCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.get("model.inner.x"));
        assertEquals("config 'tiny-att' has no tensor model.inner.x", e.getMessage());
    }

    @Test void initStatistics() {
        Parameters p = Parameters.initialized(Presets.sudokuMlp(), 7);
        // A big tensor: mlp.gate_up_proj [3072, 512], std 1/sqrt(512).
        checkStats(p.get(ParameterSpec.mlpGateUp(0)), 1 / Math.sqrt(512), 0.005);
        checkStats(p.get(ParameterSpec.mlpDown(1)), 1 / Math.sqrt(1536), 0.005);
        checkStats(p.get(ParameterSpec.mlpTGateUp(0)), 1 / Math.sqrt(97), 0.01);
        checkStats(p.get(ParameterSpec.EMBED_TOKENS), 1 / Math.sqrt(512), 0.05);
        checkStats(p.get(ParameterSpec.H_INIT), 1.0, 0.15);
        checkStats(p.get(ParameterSpec.L_INIT), 1.0, 0.15);
        assertConstant(p.get(ParameterSpec.Q_HEAD_WEIGHT), 0f);
        assertConstant(p.get(ParameterSpec.Q_HEAD_BIAS), -5f);
        assertConstant(p.get(ParameterSpec.PUZZLE_EMB), 0f);
        assertNotEquals(p.get(ParameterSpec.H_INIT).get(0), p.get(ParameterSpec.L_INIT).get(0));
    }

    private static void checkStats(FloatArray a, double std, double relTol) {
        int n = a.getSize();
        double sum = 0, sq = 0, max = 0;
        for (int i = 0; i < n; i++) { double x = a.get(i); sum += x; sq += x * x; max = Math.max(max, Math.abs(x)); }
        double mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(0, mean, 5 * std / Math.sqrt(n), "mean");
        assertEquals(std, sd, std * relTol, "std");
        double bound = 2 * std * TruncatedNormal.STD_CORRECTION;
        assertTrue(max <= bound * (1 + 1e-6), "cut at 2 corrected std: " + max + " > " + bound);
    }

    private static void assertConstant(FloatArray a, float v) {
        for (int i = 0; i < a.getSize(); i++) assertEquals(v, a.get(i), 0f);
    }

    @Test void sameSeedSameValuesOtherSeedOtherValues() {
        Parameters a = Parameters.initialized(Presets.tinyMlp(), 123);
        Parameters b = Parameters.initialized(Presets.tinyMlp(), 123);
        Parameters c = Parameters.initialized(Presets.tinyMlp(), 124);
        for (String n : a.names()) assertArrayEquals(a.get(n).toHeapArray(), b.get(n).toHeapArray(), n);
        assertFalse(java.util.Arrays.equals(a.get(ParameterSpec.LM_HEAD).toHeapArray(), c.get(ParameterSpec.LM_HEAD).toHeapArray()));
        // A tensor's values depend on its name only: tiny-att shares embed_tokens' name and shape with tiny-mlp.
        Parameters d = Parameters.initialized(Presets.tinyAtt(), 123);
        assertArrayEquals(a.get(ParameterSpec.EMBED_TOKENS).toHeapArray(), d.get(ParameterSpec.EMBED_TOKENS).toHeapArray());
    }

    @Test void optimizerStateAndEma() {
        Parameters p = Parameters.initialized(Presets.tinyMlp(), 1);
        assertFalse(p.hasOptimizerState());
        assertThrows(IllegalStateException.class, p::optimizerState);
        Parameters.OptimizerState o = p.allocateOptimizerState();
        assertSame(o, p.allocateOptimizerState());
        assertEquals(p.spec().withRole(TensorSpec.Role.ADAM).stream().map(TensorSpec::name).toList(), o.names());
        assertFalse(o.names().contains(ParameterSpec.PUZZLE_EMB));
        assertEquals(p.get(ParameterSpec.LM_HEAD).getSize(), o.expAvg(ParameterSpec.LM_HEAD).getSize());
        assertEquals(0f, o.expAvgSq(ParameterSpec.LM_HEAD).get(3));
        assertEquals(0, o.step());
        assertEquals(1, o.incrementStep());
        assertThrows(IllegalArgumentException.class, () -> o.expAvg(ParameterSpec.H_INIT));

        assertFalse(p.hasEma());
        var ema = p.allocateEma();
        assertEquals(o.names(), java.util.List.copyOf(ema.keySet()));
        assertArrayEquals(p.get(ParameterSpec.LM_HEAD).toHeapArray(), p.ema(ParameterSpec.LM_HEAD).toHeapArray());
        p.ema(ParameterSpec.LM_HEAD).set(0, 99f);
        p.get(ParameterSpec.PUZZLE_EMB).set(1, 3f);
        Parameters e = p.emaCopy();
        assertEquals(99f, e.get(ParameterSpec.LM_HEAD).get(0));
        assertEquals(3f, e.get(ParameterSpec.PUZZLE_EMB).get(1));
        assertNotEquals(99f, p.get(ParameterSpec.LM_HEAD).get(0));
        assertThrows(IllegalArgumentException.class, () -> p.ema(ParameterSpec.PUZZLE_EMB));
    }

    @Test void copyFrom() {
        Parameters a = Parameters.initialized(Presets.tinyAtt(), 5), b = Parameters.allocate(Presets.tinyAtt());
        b.copyFrom(a);
        for (String n : a.names()) assertArrayEquals(a.get(n).toHeapArray(), b.get(n).toHeapArray(), n);
    }
}
