package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

class TruncatedNormalTest {

    @Test void erfAndInverseNormalCdf() {
        assertEquals(0.8427007929497149, TruncatedNormal.erf(1.0), 1e-15);
        assertEquals(0.9544997361036416, TruncatedNormal.erf(Math.sqrt(2)), 1e-15);
        assertEquals(-0.9953222650189527, TruncatedNormal.erf(-2.0), 1e-15);
        assertEquals(0.9999779095030014, TruncatedNormal.erf(3.0), 1e-15);
        assertEquals(0.0, TruncatedNormal.inverseNormalCdf(0.5), 0);
        assertEquals(1.959963984540054, TruncatedNormal.inverseNormalCdf(0.975), 1e-14);
        assertEquals(-2.0, TruncatedNormal.inverseNormalCdf(0.022750131948179195), 1e-13);
        assertEquals(-4.753424308822899, TruncatedNormal.inverseNormalCdf(1e-6), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> TruncatedNormal.inverseNormalCdf(1.0));
    }

    @Test void stdCorrectionIsJaxs() {
        // 1 / sqrt(1 - 2*2*phi(2)/Z) with Z = erf(sqrt 2): the variance of a standard normal cut at +-2 is 0.7737413
        assertEquals(1.0 / Math.sqrt(0.7737413), TruncatedNormal.STD_CORRECTION, 1e-6);
    }

    @Test void samplesHaveTheTrueStdAndRespectTheCut() {
        RandomGenerator rng = TruncatedNormal.generator(42);
        int n = 2_000_000;
        double std = 0.25, sum = 0, sq = 0, max = 0;
        double bound = 2 * std * TruncatedNormal.STD_CORRECTION;
        for (int i = 0; i < n; i++) {
            double x = TruncatedNormal.sample(rng, std);
            sum += x; sq += x * x;
            max = Math.max(max, Math.abs(x));
        }
        double mean = sum / n, sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(0, mean, 5 * std / Math.sqrt(n));
        assertEquals(std, sd, std * 0.003);
        assertTrue(max <= bound, max + " > " + bound);
        assertTrue(max > 0.999 * bound, "the cut is reached: " + max + " vs " + bound);
        assertEquals(0.0, TruncatedNormal.sample(rng, 0));
    }

    @Test void tensorSeedsDependOnNameAndSeed() {
        long a = TruncatedNormal.tensorSeed(1, "x"), b = TruncatedNormal.tensorSeed(1, "y"), c = TruncatedNormal.tensorSeed(2, "x");
        assertNotEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(a, TruncatedNormal.tensorSeed(1, "x"));
    }
}
