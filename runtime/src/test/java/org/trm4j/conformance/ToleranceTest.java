package org.trm4j.conformance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison rules the suite relies on. */
class ToleranceTest {

    @Test
    void nanMatchesOnlyNaN() {
        for (Tolerance t : new Tolerance[]{Tolerance.BIT_EXACT, Tolerance.ARITHMETIC, Tolerance.TRANSCENDENTAL}) {
            assertTrue(t.accepts(Double.NaN, Float.intBitsToFloat(0x7FC00001)), t.name());
            assertFalse(t.accepts(Double.NaN, 0.0), t.name());
            assertFalse(t.accepts(1.0, Double.NaN), t.name());
            assertFalse(t.accepts(Double.POSITIVE_INFINITY, Double.MAX_VALUE), t.name());
            assertFalse(t.accepts(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY), t.name());
            assertTrue(t.accepts(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY), t.name());
        }
    }

    @Test
    void relativeFarFromZeroAbsoluteNearZero() {
        assertTrue(Tolerance.ARITHMETIC.accepts(1000.0, 1000.009));
        assertFalse(Tolerance.ARITHMETIC.accepts(1000.0, 1000.03));
        assertTrue(Tolerance.ARITHMETIC.accepts(1e-9, -3e-6));      // near zero: the absolute floor 1e-5 applies
        assertFalse(Tolerance.ARITHMETIC.accepts(0.0, 3e-5));
        assertTrue(Tolerance.ARITHMETIC.withScale(100).accepts(0.0, 5e-4));
        assertTrue(Tolerance.TRANSCENDENTAL.accepts(2.0, 2.00015));
        assertFalse(Tolerance.TRANSCENDENTAL.accepts(2.0, 2.001));
    }

    @Test
    void bitExactSeesSignedZerosAndUlps() {
        assertFalse(Tolerance.BIT_EXACT.accepts(0.0, -0.0));
        assertFalse(Tolerance.BIT_EXACT.accepts(1.0f, Math.nextUp(1.0f)));
        assertTrue(Tolerance.BIT_EXACT.accepts(16777216.0f, 16777216.0f));
    }

    @Test
    void poisonLeftByTheDeviceIsAMismatchEvenAgainstNaN() {
        org.trm4j.api.FloatArray expected = org.trm4j.api.FloatArray.fromElements(Float.NaN, 1.0f);
        org.trm4j.api.FloatArray actual = new org.trm4j.api.FloatArray(2);
        Poison.fill(actual);
        actual.set(1, 1.0f);
        Mismatch m = OutputComparison.compareArrays(0, expected, actual, Tolerance.ARITHMETIC);
        assertTrue(m != null && m.index() == 0 && m.actual().contains("poison"), String.valueOf(m));
    }
}
