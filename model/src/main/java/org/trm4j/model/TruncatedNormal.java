package org.trm4j.model;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import org.trm4j.api.FloatArray;

/**
 * The reference's {@code trunc_normal_init_} (models/common.py, a port of JAX's truncated normal): values of a
 * normal distribution cut at [-2, 2] standard deviations, with the scale corrected so that the TRUE std of the
 * result is {@code std} (torch's own trunc_normal_ does not correct it):
 * <pre>
 * comp_std = std / sqrt(1 - (u*pdf(u) - l*pdf(l)) / Z - ((pdf(l) - pdf(u)) / Z)^2),  l = -2, u = 2, Z = erf(u/sqrt2) - erf(l/sqrt2)) / 2
 * x = clip(sqrt2 * comp_std * erfinv(uniform(erf(l/sqrt2), erf(u/sqrt2))), l*comp_std, u*comp_std)
 * </pre>
 * Here {@code sqrt2 * erfinv(y)} is computed as {@code Phi^-1((y + 1) / 2)} (the same distribution: the uniform
 * is drawn directly in [Phi(l), Phi(u))) with Wichura's AS241 (PPND16, relative error ~1e-16), in double, then
 * rounded to float. std 0 gives zeros, as in the reference.
 *
 * <p>Random numbers: {@code java.util.random} algorithm {@value #ALGORITHM} (its output for a seed is fixed by
 * its specification, so results do not change across JDKs), one generator per tensor seeded with
 * {@link #tensorSeed(long, String)}: a tensor's values depend only on the model seed and its own name, not on the
 * other tensors. The values are not the reference's (torch's generator differs); the distribution is.
 */
public final class TruncatedNormal {
    private TruncatedNormal() {}

    /** The java.util.random algorithm used. */
    public static final String ALGORITHM = "L64X128MixRandom";

    public static final double LOWER = -2.0, UPPER = 2.0;

    /** comp_std / std for the cut at +-2: 1.1368...; the raw normal's std that gives a true std of 1. */
    public static final double STD_CORRECTION;
    private static final double P_LO, P_HI;

    static {
        double sqrt2 = Math.sqrt(2);
        double a = erf(LOWER / sqrt2), b = erf(UPPER / sqrt2);
        double z = (b - a) / 2;
        double c = 1 / Math.sqrt(2 * Math.PI);
        double pdfLower = c * Math.exp(-0.5 * LOWER * LOWER);
        double pdfUpper = c * Math.exp(-0.5 * UPPER * UPPER);
        STD_CORRECTION = 1 / Math.sqrt(1 - (UPPER * pdfUpper - LOWER * pdfLower) / z - Math.pow((pdfLower - pdfUpper) / z, 2));
        P_LO = (a + 1) / 2;
        P_HI = (b + 1) / 2;
    }

    /** A generator of {@value #ALGORITHM} seeded with {@code seed}. */
    public static RandomGenerator generator(long seed) {
        return RandomGeneratorFactory.of(ALGORITHM).create(seed);
    }

    /** The seed of one tensor: SplitMix64's finaliser over (model seed, the JLS-defined String.hashCode of its name). */
    public static long tensorSeed(long seed, String name) {
        long z = seed + 0x9E3779B97F4A7C15L * (1 + (name.hashCode() & 0xFFFFFFFFL));
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One value with true std {@code std}. */
    public static double sample(RandomGenerator rng, double std) {
        if (std == 0) return 0;
        double comp = std * STD_CORRECTION;
        double p = P_LO + (P_HI - P_LO) * rng.nextDouble();
        double x = comp * inverseNormalCdf(p);
        return Math.min(Math.max(x, LOWER * comp), UPPER * comp);
    }

    /** Fills {@code a} with truncated-normal values of true std {@code std}. */
    public static void fill(FloatArray a, double std, RandomGenerator rng) {
        if (std == 0) { a.clear(); return; }
        for (int i = 0; i < a.getSize(); i++) a.set(i, (float) sample(rng, std));
    }

    /** erf(x) to double accuracy: Maclaurin series below 2.5, Lentz's continued fraction for erfc above. */
    static double erf(double x) {
        double ax = Math.abs(x);
        double r;
        if (ax < 2.5) {
            // Maclaurin series: erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
            double sum = 0, term = ax;
            for (int n = 0; n < 200; n++) {
                double t = term / (2 * n + 1);
                sum += t;
                if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
                term *= -ax * ax / (n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // Continued fraction for erfc (Lentz), converges fast for x >= 2.5.
            double tiny = 1e-300, f = ax, c = ax, d = 0;
            for (int n = 1; n < 500; n++) {
                double an = n / 2.0;
                d = ax + an * d; if (d == 0) d = tiny; d = 1 / d;
                c = ax + an / c; if (c == 0) c = tiny;
                double delta = c * d;
                f *= delta;
                if (Math.abs(delta - 1) < 1e-16) break;
            }
            r = 1 - Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }

    /** Phi^-1(p) for 0 < p < 1: Wichura's algorithm AS241 (PPND16), about 1e-16 relative accuracy. */
    public static double inverseNormalCdf(double p) {
        if (!(p > 0 && p < 1)) throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
                    / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        double r = q < 0 ? p : 1 - p;
        r = Math.sqrt(-Math.log(r));
        double val;
        if (r <= 5) {
            r -= 1.6;
            val = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5;
            val = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -val : val;
    }
}
