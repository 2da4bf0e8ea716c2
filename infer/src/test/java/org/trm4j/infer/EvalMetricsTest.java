package org.trm4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The metrics on examples whose scores are worked out by hand. */
class EvalMetricsTest {
    static final int I = -100;

    @Test
    void exactTokenAccuracyAndHaltingStepsByHand() {
        EvalMetrics m = new EvalMetrics();
        m.add(new int[] {2, 3, 4, 5}, new int[] {2, 3, 4, 5}, 1);   // all right: token 1
        m.add(new int[] {2, 3, 4, 5}, new int[] {2, 3, 9, 9}, 3);   // 2 of 4: token 0.5
        m.add(new int[] {I, 3, I, 5}, new int[] {7, 3, 7, 4}, 4);   // 1 of the 2 scored: token 0.5
        m.add(new int[] {I, I, 4, I}, new int[] {0, 0, 4, 0}, 2);   // 1 of 1 scored: exact
        m.add(new int[] {I, I, I, I}, new int[] {1, 2, 3, 4}, 16);  // nothing scored: not counted
        assertEquals(4, m.count());
        assertEquals(2, m.exactCount());
        assertEquals(0.5, m.exactAccuracy(), 1e-12);
        assertEquals((1 + 0.5 + 0.5 + 1) / 4, m.tokenAccuracy(), 1e-12);
        assertEquals((1 + 3 + 4 + 2) / 4.0, m.meanHaltingStep(), 1e-12);
    }

    @Test
    void haltingStepIsTheFirstPositiveQHaltWithinTheHaltPeriod() {
        int[][] preds = new int[6][1];
        assertEquals(2, new ExampleResult(0, null, null, 0, preds, new float[] {-1, 0.5f, 2, -1, 3, 3}).haltingStep(4));
        assertEquals(4, new ExampleResult(0, null, null, 0, preds, new float[] {-1, -1, -2, -1, 3, 3}).haltingStep(4));
        assertEquals(4, new ExampleResult(0, null, null, 0, preds, new float[] {0, 0, 0, 0, 0, 0}).haltingStep(4));
    }
}
