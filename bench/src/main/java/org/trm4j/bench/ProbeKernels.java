package org.trm4j.bench;

import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;

/** Kernels that measure a device rather than compute anything: launch overhead, copies, memory bandwidth, FMA rate. */
public final class ProbeKernels {
    private ProbeKernels() {}

    /** Multiply-adds per work-item and iteration of {@link #fmaChains}: 8 independent chains, so latency hides. */
    public static final int CHAINS = 8;

    /** One element, one add: what is left of a launch is the runtime's and driver's overhead. */
    public static void tiny(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    /** Touches nothing, so a graph around it measures only copies. */
    public static void noop(FloatArray a) {
        for (@Parallel int i = 0; i < 0; i++) a.set(i, 0f);
    }

    /** dst = src: n floats read and n written, the device's sustained memory bandwidth. */
    public static void copy(FloatArray src, FloatArray dst, int n) {
        for (@Parallel int i = 0; i < n; i++) dst.set(i, src.get(i));
    }

    /** Multiply-adds per work-item of {@link #fmaBlock}: {@value #CHAINS} chains of {@value #ROUNDS} rounds, written out. */
    public static final int ROUNDS = 32;

    /**
     * {@value #ROUNDS} rounds of {@value #CHAINS} independent FMAs per work-item, unrolled by hand: with no loop in the body,
     * a CPU OpenCL compiler (PoCL) vectorises across work-items, which it cannot do around {@link #fmaChains}' inner loop.
     */
    public static void fmaBlock(FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float m = 0.999f, c = 1e-3f;
            float a0 = i * 1e-7f, a1 = a0 + 1f, a2 = a0 + 2f, a3 = a0 + 3f, a4 = a0 + 4f, a5 = a0 + 5f, a6 = a0 + 6f, a7 = a0 + 7f;
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c); a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
            out.set(i, a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
        }
    }

    /**
     * {@code iters} rounds of {@value #CHAINS} independent fused multiply-adds per work-item, kept live by one store:
     * 2 * CHAINS * iters flops per element, almost no memory traffic (the peak float32 FMA rate).
     */
    public static void fmaChains(FloatArray out, int iters) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float m = 0.999f, c = 1e-3f;
            float a0 = i * 1e-7f, a1 = a0 + 1f, a2 = a0 + 2f, a3 = a0 + 3f, a4 = a0 + 4f, a5 = a0 + 5f, a6 = a0 + 6f, a7 = a0 + 7f;
            for (int k = 0; k < iters; k++) {
                a0 = Math.fma(a0, m, c);
                a1 = Math.fma(a1, m, c);
                a2 = Math.fma(a2, m, c);
                a3 = Math.fma(a3, m, c);
                a4 = Math.fma(a4, m, c);
                a5 = Math.fma(a5, m, c);
                a6 = Math.fma(a6, m, c);
                a7 = Math.fma(a7, m, c);
            }
            out.set(i, a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
        }
    }
}
