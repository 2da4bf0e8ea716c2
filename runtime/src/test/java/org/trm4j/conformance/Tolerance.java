package org.trm4j.conformance;

/**
 * How closely a device's floating-point output must match the java backend's. Integer and byte
 * outputs are always compared exactly, whatever the case's tolerance.
 *
 * <p>For {@link #relative} tolerances a value passes when
 * {@code |expected - actual| <= rel * max(|expected|, |actual|) + rel * scale}:
 * the first term is a relative bound, the second an absolute floor so that results near zero
 * (cancellation, sin near pi) are not held to a relative bound they cannot meet. {@code scale} is
 * the typical magnitude of the case's intermediate values (1 unless the case says otherwise).
 * In every tolerance NaN matches NaN (any payload) and nothing else, and infinities must match exactly.
 * {@link #BIT_EXACT} is for operations IEEE 754 defines exactly (conversions, min/max, comparisons):
 * the bits must match, so +0.0 and -0.0 differ; only NaN payloads may differ.
 */
record Tolerance(String name, double rel, double scale) {

    /** Conversions, min/max, signed zeros: identical bits (NaN payloads aside). */
    static final Tolerance BIT_EXACT = new Tolerance("bit-exact", 0.0, 0.0);
    /** + - * / % and other correctly rounded operations: 1e-5 relative. */
    static final Tolerance ARITHMETIC = new Tolerance("arithmetic 1e-5", 1e-5, 1.0);
    /** exp, log, tanh, pow, sin... whose device versions may differ by a few ulp: 1e-4 relative. */
    static final Tolerance TRANSCENDENTAL = new Tolerance("transcendental 1e-4", 1e-4, 1.0);

    /** The same relative bound with a different magnitude for the absolute floor. */
    Tolerance withScale(double newScale) {
        return new Tolerance(name + " (scale " + newScale + ")", rel, newScale);
    }

    boolean accepts(double expected, double actual) {
        boolean nanE = Double.isNaN(expected), nanA = Double.isNaN(actual);
        if (nanE || nanA) return nanE && nanA;
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) return expected == actual;
        if (rel == 0.0) return Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
        double diff = Math.abs(expected - actual);
        return diff <= rel * Math.max(Math.abs(expected), Math.abs(actual)) + rel * scale;
    }

    @Override public String toString() { return name; }
}
