package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceConfigTest {
    @TempDir Path dir;

    /** The reference's config/arch/trm.yaml with the fields pretrain adds from the data set. */
    private static final String TRM_YAML = """
            name: recursive_reasoning.trm@TinyRecursiveReasoningModel_ACTV1
            loss:
              name: losses@ACTLossHead
              loss_type: stablemax_cross_entropy
            halt_exploration_prob: 0.1
            halt_max_steps: 16
            H_cycles: 3
            L_cycles: 6
            H_layers: 0
            L_layers: 2
            hidden_size: 512
            num_heads: 8  # min(2, hidden_size // 64)
            expansion: 4
            puzzle_emb_ndim: ${.hidden_size}
            pos_encodings: none
            forward_dtype: bfloat16
            mlp_t: True
            puzzle_emb_len: 16
            no_ACT_continue: True
            """;

    @Test void referenceYamlIsTheSudokuMlpPreset() throws IOException {
        Path f = dir.resolve("all_config.yaml");
        Files.writeString(f, "global_batch_size: 768\nlr: 1e-4\narch:\n" + TRM_YAML.indent(2)
                + "  vocab_size: 11\n  seq_len: 81\n  num_puzzle_identifiers: 1\n");
        ReferenceConfig.Parsed p = ReferenceConfig.read(f, Map.of(), Map.of());
        assertTrue(p.stablemax());
        assertEquals(Presets.sudokuMlp().withName("all_config"), p.config());
    }

    @Test void roundTripThroughTheReferenceNames() {
        for (String n : Presets.names()) {
            TrmConfig c = Presets.get(n);
            Map<String, Object> fields = ReferenceConfig.toFields(c);
            assertEquals(c, ReferenceConfig.fromFields(fields, Map.of(), Map.of(), c.name()).config(), n);
            assertEquals(c, ReferenceConfig.fromJson(ReferenceConfig.toJson(c), Map.of(), c.name()).config(), n);
        }
    }

    @Test void missingFieldsComeFromTheCheckpointShapes() {
        TrmConfig c = Presets.tinyMlp().toBuilder().puzzleEmbNdim(24).puzzleEmbLen(2).numPuzzleIdentifiers(5).build();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (TensorSpec t : ParameterSpec.of(c).tensors()) shapes.put(Checkpoint.ORIG_MOD + t.name(), java.util.Arrays.stream(t.shape()).asLongStream().toArray());
        Map<String, Object> f = new LinkedHashMap<>(ReferenceConfig.toFields(c));
        for (String k : new String[] {"vocab_size", "hidden_size", "puzzle_emb_ndim", "num_puzzle_identifiers", "L_layers", "mlp_t",
                "pos_encodings", "seq_len", "num_heads", "rms_norm_eps", "rope_theta"}) f.remove(k);
        TrmConfig got = ReferenceConfig.fromFields(f, shapes, Map.of(), c.name()).config();
        assertEquals(c.toBuilder().numHeads(1).build(), got, "num_heads is unused by mlp_t and not fixed by the shapes");
    }

    @Test void overridesWinAndNumPuzzleIdentifiersFollowsTheShapes() {
        TrmConfig c = Presets.tinyAtt();
        Map<String, long[]> shapes = Map.of(ParameterSpec.PUZZLE_EMB, new long[] {7, 16});
        TrmConfig got = ReferenceConfig.fromFields(ReferenceConfig.toFields(c), shapes, Map.of("halt_exploration_prob", 0.0), "x").config();
        assertEquals(c.toBuilder().name("x").numPuzzleIdentifiers(7).haltExplorationProb(0.0).build(), got);
    }

    @Test void everyProblemIsListedInOneMessage() {
        Map<String, Object> f = new LinkedHashMap<>(ReferenceConfig.toFields(Presets.tinyAtt()));
        f.remove("H_cycles");
        f.put("L_cycles", 2.5);
        f.put("hiden_size", 3);
        f.put("loss", Map.of("loss_type", "focal"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReferenceConfig.fromFields(f, Map.of(), Map.of(), "x"));
        String m = e.getMessage();
        assertTrue(m.contains("missing field H_cycles"), m);
        assertTrue(m.contains("L_cycles must be an integer, got 2.5"), m);
        assertTrue(m.contains("unknown fields hiden_size"), m);
        assertTrue(m.contains("loss.loss_type"), m);
    }

    @Test void jsonFileAndSoftmaxLoss() throws IOException {
        Path f = dir.resolve("cfg.json");
        Map<String, Object> fields = new LinkedHashMap<>(ReferenceConfig.toFields(Presets.tinyAtt()));
        fields.put("loss", Map.of("loss_type", "softmax_cross_entropy"));
        Files.writeString(f, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(fields));
        ReferenceConfig.Parsed p = ReferenceConfig.read(f, Map.of(), Map.of());
        assertFalse(p.stablemax());
        assertEquals(Presets.tinyAtt().withName("cfg"), p.config());
    }

    @Test void badFileIsAnIOExceptionNamingIt() throws IOException {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "- 1\n- 2\n");
        IOException e = assertThrows(IOException.class, () -> ReferenceConfig.read(f, Map.of(), Map.of()));
        assertTrue(e.getMessage().contains("bad.yaml"), e.getMessage());
    }

    @Test void checkpointsCarryTheReferenceConfig() throws IOException {
        Path f = dir.resolve("c.safetensors");
        TrmConfig c = Presets.tinyMlp();
        Checkpoint.save(Parameters.initialized(c, 1), f, false, false);
        try (Safetensors.Reader r = Safetensors.open(f)) {
            assertEquals(c, ReferenceConfig.fromJson(r.metadata().get(ReferenceConfig.META_KEY), Map.of(), c.name()).config());
        }
    }
}
