package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.trm4j.model.TensorSpec.Init;
import org.trm4j.model.TensorSpec.Role;

/**
 * Names, shapes and counts. The counts, by hand from TRM-SPEC.md (inter(n) = roundUp(round(4n*2/3), 256)):
 * <pre>
 * sudoku-mlp: V 11, D 512, L 97, inter(D) 1536, inter(L) 512
 *   embed_tokens 11x512 = 5 632, lm_head 5 632, q_head 2x512 + 2 = 1 026                         -> 12 290
 *   per layer: mlp_t gate_up 1024x97 = 99 328, mlp_t down 97x512 = 49 664,
 *              mlp gate_up 3072x512 = 1 572 864, mlp down 512x1536 = 786 432              = 2 508 288
 *   AdamATan2 (the reference's num_params, the paper's "5M"): 12 290 + 2 x 2 508 288        = 5 028 866
 *   puzzle_emb 1x512 = 512 (sign-SGD), H_init + L_init = 1 024 (buffers)
 *   trainable 5 029 378, saved total 5 030 402
 * maze-att: V 6, D 512, 8 heads
 *   embed_tokens 3 072, lm_head 3 072, q_head 1 026                                           -> 7 170
 *   per layer: qkv 1536x512 = 786 432, o 512x512 = 262 144, mlp 1 572 864 + 786 432    = 3 407 872
 *   AdamATan2 ("7M", TRM-SPEC's ~6.8M): 7 170 + 2 x 3 407 872                                = 6 822 914
 *   puzzle_emb 512, buffers 1 024: trainable 6 823 426, total 6 824 450
 * arc-att: V 12: AdamATan2 12 288 + 1 026 + 6 815 744 = 6 829 058;
 *   puzzle_emb 960 961 x 512 = 492 012 032; total 498 842 114
 * </pre>
 * So the paper's 5M / 7M are the reference's {@code model.parameters()}: the puzzle embedding (a buffer there)
 * and H_init/L_init are not counted.
 */
class ParameterSpecTest {

    @Test void sudokuMlpNamesShapesAndOrder() {
        ParameterSpec s = ParameterSpec.of(Presets.sudokuMlp());
        List<String> expected = new ArrayList<>(List.of(
                "model.inner.H_init", "model.inner.L_init",
                "model.inner.embed_tokens.embedding_weight", "model.inner.lm_head.weight",
                "model.inner.q_head.weight", "model.inner.q_head.bias", "model.inner.puzzle_emb.weights"));
        for (int i = 0; i < 2; i++) {
            String p = "model.inner.L_level.layers." + i + ".";
            expected.addAll(List.of(p + "mlp_t.gate_up_proj.weight", p + "mlp_t.down_proj.weight",
                    p + "mlp.gate_up_proj.weight", p + "mlp.down_proj.weight"));
        }
        assertEquals(expected, s.names());
        assertShape(s, "model.inner.H_init", 512);
        assertShape(s, "model.inner.embed_tokens.embedding_weight", 11, 512);
        assertShape(s, "model.inner.lm_head.weight", 11, 512);
        assertShape(s, "model.inner.q_head.weight", 2, 512);
        assertShape(s, "model.inner.q_head.bias", 2);
        assertShape(s, "model.inner.puzzle_emb.weights", 1, 512);
        assertShape(s, ParameterSpec.mlpTGateUp(1), 1024, 97);
        assertShape(s, ParameterSpec.mlpTDown(1), 97, 512);
        assertShape(s, ParameterSpec.mlpGateUp(0), 3072, 512);
        assertShape(s, ParameterSpec.mlpDown(0), 512, 1536);
    }

    @Test void mazeAttNamesAndShapes() {
        ParameterSpec s = ParameterSpec.of(Presets.mazeAtt());
        assertEquals(15, s.tensors().size());
        assertShape(s, "model.inner.L_level.layers.0.self_attn.qkv_proj.weight", 1536, 512);
        assertShape(s, "model.inner.L_level.layers.1.self_attn.o_proj.weight", 512, 512);
        assertShape(s, "model.inner.L_level.layers.1.mlp.gate_up_proj.weight", 3072, 512);
        assertShape(s, "model.inner.L_level.layers.1.mlp.down_proj.weight", 512, 1536);
        assertFalse(s.contains(ParameterSpec.mlpTGateUp(0)));
        assertFalse(s.contains(ParameterSpec.EMBED_POS));
    }

    @Test void rolesAndInits() {
        ParameterSpec s = ParameterSpec.of(Presets.sudokuMlp());
        assertEquals(Role.BUFFER, s.get(ParameterSpec.H_INIT).role());
        assertEquals(Role.BUFFER, s.get(ParameterSpec.L_INIT).role());
        assertEquals(Role.SIGN_SGD, s.get(ParameterSpec.PUZZLE_EMB).role());
        assertEquals(new Init.Constant(0f), s.get(ParameterSpec.PUZZLE_EMB).init());
        assertEquals(new Init.Constant(0f), s.get(ParameterSpec.Q_HEAD_WEIGHT).init());
        assertEquals(new Init.Constant(-5f), s.get(ParameterSpec.Q_HEAD_BIAS).init());
        assertEquals(new Init.TruncNormal(1.0), s.get(ParameterSpec.H_INIT).init());
        assertEquals(new Init.TruncNormal(1 / Math.sqrt(512)), s.get(ParameterSpec.EMBED_TOKENS).init());
        assertEquals(new Init.TruncNormal(1 / Math.sqrt(512)), s.get(ParameterSpec.LM_HEAD).init());
        assertEquals(new Init.TruncNormal(1 / Math.sqrt(97)), s.get(ParameterSpec.mlpTGateUp(0)).init());
        assertEquals(new Init.TruncNormal(1 / Math.sqrt(512)), s.get(ParameterSpec.mlpTDown(0)).init());
        assertEquals(new Init.TruncNormal(1 / Math.sqrt(1536)), s.get(ParameterSpec.mlpDown(0)).init());
        for (TensorSpec t : s.tensors())
            if (t.name().contains("L_level")) assertEquals(Role.ADAM, t.role(), t.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.get("model.inner.nope"));
        assertEquals("config 'sudoku-mlp' has no tensor model.inner.nope", e.getMessage());
    }

    @Test void learnedPositionsAddEmbedPos() {
        ParameterSpec s = ParameterSpec.of(Presets.tinyAtt().toBuilder().posEncodings("learned").build());
        assertShape(s, ParameterSpec.EMBED_POS, 12, 16);
        assertEquals(Role.ADAM, s.get(ParameterSpec.EMBED_POS).role());
        assertEquals(26_850 + 192, s.adamCount());
    }

    @Test void noPuzzleEmbedding() {
        ParameterSpec s = ParameterSpec.of(Presets.tinyMlp().toBuilder().noPuzzleEmb().build());
        assertFalse(s.contains(ParameterSpec.PUZZLE_EMB));
        assertShape(s, ParameterSpec.mlpTGateUp(0), 512, 8);   // L = 8 now, inter(8) = 256
        assertEquals(0, s.count(Role.SIGN_SGD));
    }

    @Test void exactParameterCounts() {
        assertCounts("sudoku-mlp", 5_028_866, 512, 1_024, 5_030_402);
        assertCounts("maze-att", 6_822_914, 512, 1_024, 6_824_450);
        assertCounts("arc-att", 6_829_058, 492_012_032, 1_024, 498_842_114);
        // tiny-mlp: V 6, D 16, L 12, inter 256 for both: 96 + 96 + 34 + 2 x (6144 + 3072 + 8192 + 4096) = 43 234
        assertCounts("tiny-mlp", 43_234, 48, 32, 43_314);
        // tiny-att: 226 + 2 x (768 + 256 + 8192 + 4096) = 26 850
        assertCounts("tiny-att", 26_850, 48, 32, 26_930);
        // small-mlp: V 11, D 128, L 97, inter(128) = 512: 1408 + 1408 + 258 + 2 x (99 328 + 49 664 + 131 072 + 65 536) = 694 274
        assertCounts("small-mlp", 694_274, 128, 256, 694_658);
        // small-att: 3074 + 2 x (49 152 + 16 384 + 131 072 + 65 536) = 527 362
        assertCounts("small-att", 527_362, 128, 256, 527_746);
    }

    private static void assertCounts(String preset, long adam, long signSgd, long buffers, long total) {
        ParameterSpec s = ParameterSpec.of(Presets.get(preset));
        assertEquals(adam, s.adamCount(), preset + " AdamATan2");
        assertEquals(signSgd, s.count(Role.SIGN_SGD), preset + " puzzle emb");
        assertEquals(buffers, s.count(Role.BUFFER), preset + " buffers");
        assertEquals(adam + signSgd, s.trainableCount(), preset + " trainable");
        assertEquals(total, s.totalCount(), preset + " total");
    }

    private static void assertShape(ParameterSpec s, String name, int... shape) {
        assertArrayEquals(shape, s.get(name).shape(), name);
    }
}
