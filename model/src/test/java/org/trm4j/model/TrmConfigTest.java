package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TrmConfigTest {

    @Test void everyPresetIsValidAndNamedAsListed() {
        assertEquals(java.util.List.of("sudoku-mlp", "maze-att", "arc-att", "small-mlp", "small-att", "tiny-mlp", "tiny-att"), Presets.names());
        for (String n : Presets.names()) {
            TrmConfig c = Presets.get(n);
            assertEquals(n, c.name());
            assertEquals(c, new TrmConfig(c.name(), c.vocabSize(), c.seqLen(), c.puzzleEmbLen(), c.puzzleEmbNdim(), c.numPuzzleIdentifiers(),
                    c.hiddenSize(), c.numHeads(), c.expansion(), c.hCycles(), c.lCycles(), c.lLayers(), c.mlpT(), c.posEncodings(),
                    c.rmsNormEps(), c.ropeTheta(), c.haltMaxSteps(), c.haltExplorationProb()));
            assertEquals(16, c.haltMaxSteps());
            assertEquals(0.1, c.haltExplorationProb());
            assertEquals(1e-5, c.rmsNormEps());
            assertEquals(10000.0, c.ropeTheta());
            assertEquals(2, c.lLayers());
        }
    }

    @Test void paperPresets() {
        TrmConfig s = Presets.get("sudoku-mlp");
        assertEquals(11, s.vocabSize()); assertEquals(81, s.seqLen()); assertEquals(97, s.totalLen());
        assertEquals(512, s.hiddenSize()); assertTrue(s.mlpT()); assertEquals("none", s.posEncodings());
        assertEquals(3, s.hCycles()); assertEquals(6, s.lCycles()); assertEquals(1, s.numPuzzleIdentifiers());
        assertEquals(21, s.netApplicationsForward()); assertEquals(7, s.netApplicationsWithGrad());
        TrmConfig m = Presets.get("maze-att");
        assertEquals(6, m.vocabSize()); assertEquals(916, m.totalLen()); assertEquals(8, m.numHeads()); assertEquals(64, m.headDim());
        assertTrue(m.usesRope()); assertFalse(m.mlpT()); assertEquals(4, m.lCycles()); assertEquals(15, m.netApplicationsForward());
        TrmConfig a = Presets.get("arc-att");
        assertEquals(12, a.vocabSize()); assertEquals(916, a.totalLen()); assertEquals(960_961, a.numPuzzleIdentifiers());
        assertEquals(Presets.ARC1_AUG1000_PUZZLE_IDENTIFIERS, a.numPuzzleIdentifiers());
        assertEquals(1234, Presets.arcAtt(1234).numPuzzleIdentifiers());
        TrmConfig t = Presets.get("tiny-att");
        assertEquals(16, t.hiddenSize()); assertEquals(2, t.numHeads()); assertEquals(8, t.headDim()); assertEquals(12, t.totalLen());
    }

    @Test void derivedSizesMatchTheReferenceSwiGLU() {
        TrmConfig s = Presets.sudokuMlp();
        assertEquals(1536, s.interSize(512));     // round(1365.33) = 1365 -> 1536
        assertEquals(512, s.interSize(97));       // round(258.67) = 259 -> 512
        assertEquals(1536, s.channelInter());
        assertEquals(512, s.tokenInter());
        assertEquals(768, s.interSize(256));      // round(682.67) = 683 -> 768
        assertEquals(2560, s.interSize(916));     // round(2442.67) -> 2560
        assertEquals(256, s.interSize(1));
        assertEquals(Math.sqrt(512), s.embedScale());
        // Python round is half to even: expansion 1.5 -> n exactly: 1.5*3*2/3 = 3.0; expansion 0.75, n = 5: 2.5 -> 2
        TrmConfig e = s.toBuilder().expansion(0.75).build();
        assertEquals(256, e.interSize(5));
        TrmConfig big = s.toBuilder().expansion(48).build();   // 48 * 8 * 2/3 = 256 exactly
        assertEquals(256, big.interSize(8));
        assertEquals(512, big.interSize(9));                   // 288 -> 512
    }

    @Test void invalidConfigsListEveryProblem() {
        var b = Presets.mazeAtt().toBuilder().vocabSize(1).numHeads(7).posEncodings("alibi").haltExplorationProb(1.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("invalid TRM config 'maze-att'"), e.getMessage());
        assertTrue(e.getMessage().contains("vocabSize must be >= 2, got 1"), e.getMessage());
        assertTrue(e.getMessage().contains("hiddenSize 512 must be a multiple of numHeads 7"), e.getMessage());
        assertTrue(e.getMessage().contains("posEncodings must be one of rope, none, learned, got alibi"), e.getMessage());
        assertTrue(e.getMessage().contains("haltExplorationProb must be in [0, 1], got 1.5"), e.getMessage());
    }

    @Test void moreInvalidConfigs() {
        assertMessage(Presets.tinyMlp().toBuilder().puzzleEmbNdim(0), "puzzleEmbLen must be 0 when puzzleEmbNdim is 0");
        assertMessage(Presets.tinyMlp().toBuilder().puzzleEmbNdim(100), "need puzzleEmbLen >= 7");
        assertMessage(Presets.tinyMlp().toBuilder().numPuzzleIdentifiers(0), "numPuzzleIdentifiers must be >= 1");
        assertMessage(Presets.tinyAtt().toBuilder().hiddenSize(18).numHeads(6), "rope needs an even head dim, got 18 / 6 = 3");
        assertMessage(Presets.tinyAtt().toBuilder().expansion(Double.NaN), "expansion must be a positive number");
        assertMessage(Presets.tinyAtt().toBuilder().hCycles(0), "hCycles must be >= 1");
        assertMessage(Presets.tinyAtt().toBuilder().lCycles(0), "lCycles must be >= 1");
        assertMessage(Presets.tinyAtt().toBuilder().lLayers(0), "lLayers must be >= 1");
        assertMessage(Presets.tinyAtt().toBuilder().rmsNormEps(0), "rmsNormEps must be > 0");
        assertMessage(Presets.tinyAtt().toBuilder().haltMaxSteps(0), "haltMaxSteps must be >= 1");
        assertMessage(Presets.tinyAtt().toBuilder().seqLen(0), "seqLen must be >= 1");
        assertMessage(Presets.tinyAtt().toBuilder().name(" "), "name must not be empty");
        // The MLP variant ignores heads: D need not divide.
        assertEquals(7, Presets.tinyMlp().toBuilder().numHeads(7).build().numHeads());
        // No puzzle embedding at all is fine.
        TrmConfig none = Presets.tinyAtt().toBuilder().noPuzzleEmb().build();
        assertEquals(8, none.totalLen());
        assertFalse(none.hasPuzzleEmb());
    }

    private static void assertMessage(TrmConfig.Builder b, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test void unknownPresetListsTheNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.get("sudoku"));
        assertEquals("unknown TRM preset 'sudoku'; known presets: sudoku-mlp, maze-att, arc-att, small-mlp, small-att, tiny-mlp, tiny-att", e.getMessage());
    }

    @Test void hiddenSizeCarriesThePuzzleEmbeddingAlong() {
        TrmConfig c = Presets.sudokuMlp().toBuilder().hiddenSize(64).build();
        assertEquals(64, c.puzzleEmbNdim());
    }

    @Test void jsonRoundTrip() throws Exception {
        ObjectMapper m = new ObjectMapper();
        for (String n : Presets.names()) {
            TrmConfig c = Presets.get(n);
            assertEquals(c, m.readValue(m.writeValueAsString(c), TrmConfig.class));
        }
    }
}
