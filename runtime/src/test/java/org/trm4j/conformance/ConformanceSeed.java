package org.trm4j.conformance;

/**
 * The random seed of a suite run: fresh each run (System.nanoTime) unless the system property
 * {@code trm.conformance.seed} or the environment variable {@code TRM_CONFORMANCE_SEED} replays one.
 * Each case derives its own seed from it and its name, so one case replays alone too.
 */
final class ConformanceSeed {
    static final String PROPERTY = "trm.conformance.seed";
    static final String ENV = "TRM_CONFORMANCE_SEED";

    private static final long SUITE_SEED = chooseSeed();

    private ConformanceSeed() {}

    static long suiteSeed() { return SUITE_SEED; }

    static long forCase(String caseName) {
        long h = SUITE_SEED ^ 0x9E3779B97F4A7C15L;
        for (int i = 0; i < caseName.length(); i++) h = (h ^ caseName.charAt(i)) * 0x100000001B3L;
        return h;
    }

    static String replayHint() {
        return "seed " + SUITE_SEED + " (replay: -D" + PROPERTY + "=" + SUITE_SEED + " or " + ENV + "=" + SUITE_SEED + ")";
    }

    private static long chooseSeed() {
        String s = System.getProperty(PROPERTY, System.getenv(ENV));
        return s == null || s.isBlank() ? System.nanoTime() : Long.parseLong(s.trim());
    }
}
