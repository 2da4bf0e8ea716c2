package org.trm4j.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What an example's result says of its halting. */
class ExampleResultTest {
    @Test
    void haltingStepIsTheFirstPositiveQHaltWithinTheHaltPeriod() {
        int[][] preds = new int[6][1];
        assertEquals(2, new ExampleResult(0, null, null, 0, preds, new float[] {-1, 0.5f, 2, -1, 3, 3}).haltingStep(4));
        assertEquals(4, new ExampleResult(0, null, null, 0, preds, new float[] {-1, -1, -2, -1, 3, 3}).haltingStep(4));
        assertEquals(4, new ExampleResult(0, null, null, 0, preds, new float[] {0, 0, 0, 0, 0, 0}).haltingStep(4));
    }
}
