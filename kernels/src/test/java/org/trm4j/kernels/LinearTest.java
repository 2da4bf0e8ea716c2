package org.trm4j.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.trm4j.kernels.KernelCheck.*;

class LinearTest {
    static final int R = 37, IN = 29, OUT = 23;
    final Random rnd = new Random(11);
    final double[] x = randn(rnd, R * IN, 1), w = randn(rnd, OUT * IN, 0.3), b = randn(rnd, OUT, 1), dy = randn(rnd, R * OUT, 1);
    final double[] dx0 = randn(rnd, R * IN, 1), dw0 = randn(rnd, OUT * IN, 1), db0 = randn(rnd, OUT, 1);

    static double[] ref(double[] x, double[] w, double[] b) {
        double[] y = new double[R * OUT];
        for (int r = 0; r < R; r++)
            for (int o = 0; o < OUT; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < IN; i++) s += x[r * IN + i] * w[o * IN + i];
                y[r * OUT + o] = s;
            }
        return y;
    }

    @Test void forwardPlainAndTiled() {
        double[] want = ref(x, w, null);
        Object[] o = run("Linear.forward", fn(Linear::forward), floats(x), floats(w), nans(R * OUT), R, IN, OUT);
        close("forward vs double", want, d(o, 2), 1e-5);
        Object[] t = run("Linear.forwardTiled", ARITH, fn(Linear::forwardTiled), Grids.linearForward(R, OUT),
                new org.trm4j.api.KernelContext(), floats(x), floats(w), nans(R * OUT), R, IN, OUT);
        close("tiled vs plain", d(o, 2), d(t, 3), 1e-6);
        Object[] ob = run("Linear.forwardBias", fn(Linear::forwardBias), floats(x), floats(w), floats(b), nans(R * OUT), R, IN, OUT);
        close("forwardBias vs double", ref(x, w, b), d(ob, 3), 1e-5);
    }

    @Test void backwardInput() {
        // L = sum(y * dy): dL/dx by central differences of the double forward.
        double[] num = numericGrad(xx -> dot(ref(xx, w, b), dy), x);
        Object[] o = run("Linear.backwardInput", fn(Linear::backwardInput), floats(dy), floats(w), nans(R * IN), R, IN, OUT, 0);
        close("dx vs finite differences", num, d(o, 2), 1e-4);
        Object[] a = run("Linear.backwardInput(acc)", fn(Linear::backwardInput), floats(dy), floats(w), floats(dx0), R, IN, OUT, 1);
        close("dx accumulate", add(num, dx0), d(a, 2), 1e-4);
        Object[] t = run("Linear.backwardInputTiled", ARITH, fn(Linear::backwardInputTiled), Grids.linearBackwardInput(R, IN),
                new org.trm4j.api.KernelContext(), floats(dy), floats(w), nans(R * IN), R, IN, OUT, 0);
        close("tiled dx vs plain", d(o, 2), d(t, 3), 1e-6);
        Object[] ta = run("Linear.backwardInputTiled(acc)", ARITH, fn(Linear::backwardInputTiled), Grids.linearBackwardInput(R, IN),
                new org.trm4j.api.KernelContext(), floats(dy), floats(w), floats(dx0), R, IN, OUT, 1);
        close("tiled dx accumulate", d(a, 2), d(ta, 3), 1e-6);
        // R = 37: nine blocks of 4 rows and a last row done alone.
        Object[] r4 = run("Linear.backwardInputRows4", fn(Linear::backwardInputRows4), floats(dy), floats(w), nans(R * IN), R, IN, OUT, 0);
        close("rows4 dx vs finite differences", num, d(r4, 2), 1e-4);
        close("rows4 dx vs plain", d(o, 2), d(r4, 2), 1e-6);
        Object[] r4a = run("Linear.backwardInputRows4(acc)", fn(Linear::backwardInputRows4), floats(dy), floats(w), floats(dx0), R, IN, OUT, 1);
        close("rows4 dx accumulate", d(a, 2), d(r4a, 2), 1e-6);
    }

    @Test void backwardWeightAndBias() {
        double[] num = numericGrad(ww -> dot(ref(x, ww, b), dy), w);
        Object[] o = run("Linear.backwardWeight", fn(Linear::backwardWeight), floats(dy), floats(x), floats(dw0), R, IN, OUT);
        close("dw (accumulated) vs finite differences", add(num, dw0), d(o, 2), 1e-4);
        Object[] t = run("Linear.backwardWeightTiled", ARITH, fn(Linear::backwardWeightTiled), Grids.linearBackwardWeight(OUT, IN),
                new org.trm4j.api.KernelContext(), floats(dy), floats(x), floats(dw0), R, IN, OUT);
        close("tiled dw vs plain", d(o, 2), d(t, 3), 1e-6);
        double[] numB = numericGrad(bb -> dot(ref(x, w, bb), dy), b);
        Object[] ob = run("Linear.backwardBias", fn(Linear::backwardBias), floats(dy), floats(db0), R, OUT);
        close("db (accumulated) vs finite differences", add(numB, db0), d(ob, 1), 1e-4);
    }

    @Test void tiledOnExactBlockMultiples() {
        tiledVsPlain(64, 48, 128);
    }

    /** Several 64 x 64 blocks with ragged edges in every dimension, all three tiled kernels. */
    @Test void tiledOnSeveralRaggedBlocks() {
        tiledVsPlain(130, 33, 70);
    }

    void tiledVsPlain(int r, int in, int out) {
        double[] xx = randn(rnd, r * in, 1), ww = randn(rnd, out * in, 1), dyy = randn(rnd, r * out, 1), dw = randn(rnd, out * in, 1);
        String s = "(" + r + "x" + in + "x" + out + ")";
        Object[] p = run("Linear.forward" + s, fn(Linear::forward), floats(xx), floats(ww), nans(r * out), r, in, out);
        Object[] t = run("Linear.forwardTiled" + s, ARITH, fn(Linear::forwardTiled), Grids.linearForward(r, out),
                new org.trm4j.api.KernelContext(), floats(xx), floats(ww), nans(r * out), r, in, out);
        close("tiled forward vs plain " + s, d(p, 2), d(t, 3), 1e-6);
        Object[] pi = run("Linear.backwardInput" + s, fn(Linear::backwardInput), floats(dyy), floats(ww), nans(r * in), r, in, out, 0);
        Object[] ti = run("Linear.backwardInputTiled" + s, ARITH, fn(Linear::backwardInputTiled), Grids.linearBackwardInput(r, in),
                new org.trm4j.api.KernelContext(), floats(dyy), floats(ww), nans(r * in), r, in, out, 0);
        close("tiled dx vs plain " + s, d(pi, 2), d(ti, 3), 1e-6);
        Object[] ri = run("Linear.backwardInputRows4" + s, fn(Linear::backwardInputRows4), floats(dyy), floats(ww), nans(r * in), r, in, out, 0);
        close("rows4 dx vs plain " + s, d(pi, 2), d(ri, 2), 1e-6);
        Object[] pw = run("Linear.backwardWeight" + s, fn(Linear::backwardWeight), floats(dyy), floats(xx), floats(dw), r, in, out);
        Object[] tw = run("Linear.backwardWeightTiled" + s, ARITH, fn(Linear::backwardWeightTiled), Grids.linearBackwardWeight(out, in),
                new org.trm4j.api.KernelContext(), floats(dyy), floats(xx), floats(dw), r, in, out);
        close("tiled dw vs plain " + s, d(pw, 2), d(tw, 3), 1e-6);
    }

    static double[] add(double[] a, double[] b) {
        double[] c = a.clone();
        for (int i = 0; i < c.length; i++) c[i] += b[i];
        return c;
    }
}
