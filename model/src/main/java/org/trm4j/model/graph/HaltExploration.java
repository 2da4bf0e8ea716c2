package org.trm4j.model.graph;

/**
 * The host RNG of the ACT halting exploration (the reference's training-mode halting): per slot and step, with
 * probability {@code prob} a floor min_halt_steps drawn uniformly from 2..haltMaxSteps, else 0 (no floor).
 * SplitMix64, whose whole state is one long, so a checkpoint can save it and a resumed run draws the same values.
 */
public final class HaltExploration {
    private long state;

    public HaltExploration(long seed) { this.state = seed; }

    /** The generator's state (save it to continue the same sequence later). */
    public long state() { return state; }

    public void setState(long s) { state = s; }

    /** min_halt_steps for {@code n} slots. */
    public int[] draw(int n, double prob, int haltMaxSteps) {
        int[] m = new int[n];
        int span = Math.max(1, haltMaxSteps - 1);
        for (int i = 0; i < n; i++) {
            boolean explore = nextDouble() < prob;
            int k = 2 + (int) Long.remainderUnsigned(next(), span);
            m[i] = explore ? k : 0;
        }
        return m;
    }

    private double nextDouble() { return (next() >>> 11) * 0x1.0p-53; }

    private long next() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
