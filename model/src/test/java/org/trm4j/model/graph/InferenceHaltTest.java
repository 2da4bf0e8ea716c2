package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;

/**
 * Steps past haltMaxSteps restart from H_init/L_init as the reference's eval carry does (every slot halted at
 * haltMaxSteps), so with the same input steps haltMaxSteps+1.. repeat steps 1.. exactly; and the per-step logits.
 */
class InferenceHaltTest {
    static final int B = 2;

    @Test
    void stepsPastTheHaltRestartFromTheInitialState() {
        TrmConfig c = Presets.tinyAtt().toBuilder().haltMaxSteps(3).build();
        Parameters p = GraphFixtures.params(c, 7);
        Batch b = GraphFixtures.batch(c, B, 3);
        int n = c.haltMaxSteps();
        try (InferenceGraph g = new InferenceGraph(p, B, 2 * n + 1, true, GraphFixtures.device(GraphFixtures.JAVA))) {
            InferenceResult r = g.run(b);
            assertEquals(2 * n + 1, r.steps());
            assertNotNull(r.logits());
            for (int k = 0; k < n + 1; k++) {
                int again = k + n;
                assertArrayEquals(r.predictions()[k], r.predictions()[again], "predictions of step " + (again + 1) + " vs step " + (k + 1));
                assertArrayEquals(r.qHalt()[k], r.qHalt()[again], "q_halt of step " + (again + 1) + " vs step " + (k + 1));
                assertArrayEquals(r.logits()[k], r.logits()[again], "logits of step " + (again + 1) + " vs step " + (k + 1));
            }
            // Within one halt period the recursion does change the state.
            assertNotEqualsArray(r.logits()[0], r.logits()[1]);
            assertArrayEquals(g.tokenLogits(), r.logits()[2 * n]);
            for (int k = 0; k < r.steps(); k++)
                for (int row = 0; row < B * c.seqLen(); row++) {
                    int arg = 0;
                    for (int j = 1; j < c.vocabSize(); j++)
                        if (r.logits()[k][row * c.vocabSize() + j] > r.logits()[k][row * c.vocabSize() + arg]) arg = j;
                    assertEquals(arg, r.predictions()[k][row], "argmax of step " + (k + 1) + " row " + row);
                }
        }
    }

    @Test
    void logitsPerStepOnlyWhenAsked() {
        TrmConfig c = Presets.tinyMlp();
        Parameters p = GraphFixtures.params(c, 8);
        try (InferenceGraph g = new InferenceGraph(p, B, GraphFixtures.device(GraphFixtures.JAVA))) {
            assertNull(g.run(GraphFixtures.batch(c, B, 4)).logits());
        }
    }

    private static void assertNotEqualsArray(float[] a, float[] b) {
        if (java.util.Arrays.equals(a, b)) throw new AssertionError("step 2 repeated step 1: the recursion did nothing");
    }
}
