package org.trm4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The metrics on examples whose scores are worked out by hand. */
class EvalMetricsTest {
    static final int I = -100;

    @Test
    void exactTokenAccuracyAndHaltingStepsByHand() {
        EvalMetrics m = new EvalMetrics();
        m.add(new int[] {2, 3, 4, 5}, new int[] {2, 3, 4, 5}, 1, 2f);    // all right: token 1; q-halt agrees
        m.add(new int[] {2, 3, 4, 5}, new int[] {2, 3, 9, 9}, 3, 0f);    // 2 of 4: token 0.5; q-halt >= 0 disagrees
        m.add(new int[] {I, 3, I, 5}, new int[] {7, 3, 7, 4}, 4, -1f);   // 1 of the 2 scored: token 0.5; agrees
        m.add(new int[] {I, I, 4, I}, new int[] {0, 0, 4, 0}, 2, -3f);   // 1 of 1 scored: exact; disagrees
        m.add(new int[] {I, I, I, I}, new int[] {1, 2, 3, 4}, 16, 5f);   // nothing scored: not counted, not exact
        assertEquals(4, m.count());
        assertEquals(2, m.exactCount());
        assertEquals(0.5, m.exactAccuracy(), 1e-12);
        assertEquals((1 + 0.5 + 0.5 + 1) / 4, m.tokenAccuracy(), 1e-12);
        assertEquals((1 + 3 + 4 + 2) / 4.0, m.meanHaltingStep(), 1e-12);
        assertEquals(0.5, m.qHaltAccuracy(), 1e-12);
    }

    @Test
    void anExampleIsReadFromItsOffsetInABatch() {
        EvalMetrics m = new EvalMetrics();
        int[] labels = {9, 9, 2, 3, 9}, preds = {0, 0, 2, 3, 0};
        m.add(labels, preds, 2, 2, 1, 1f);
        assertEquals(1, m.exactCount());
        assertEquals(1.0, m.qHaltAccuracy(), 1e-12);
    }
}
