package org.trm4j.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.trm4j.kernels.KernelCheck.*;

/** Optimizers, ACT carry and element-wise kernels (no backward: checked against plain double/int Java). */
class UpdatesAndCarryTest {
    final Random rnd = new Random(13);

    @Test void adamAtan2() {
        int n = 40;
        double[] p = randn(rnd, n, 1), g = randn(rnd, n, 0.1), m = randn(rnd, n, 0.05), v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (float) Math.abs(rnd.nextGaussian() * 0.01);
        float lr = 1e-3f, b1 = 0.9f, b2 = 0.95f, wd = 0.1f;
        int step = 3;
        float bc1 = Optimizers.biasCorrection(b1, step), bc2 = Optimizers.biasCorrection(b2, step);
        Object[] o = run("Optimizers.adamAtan2", TRANSC, fn(Optimizers::adamAtan2), null,
                floats(p), floats(g), floats(m), floats(v), n, lr, b1, b2, wd, bc1, bc2, 1);
        double[] wp = new double[n], wm = new double[n], wv = new double[n];
        for (int i = 0; i < n; i++) {
            double pp = p[i] * (1 - (double) lr * wd);
            wm[i] = m[i] + (1 - (double) b1) * (g[i] - m[i]);
            wv[i] = v[i] + (1 - (double) b2) * (g[i] * g[i] - v[i]);
            wp[i] = pp - (lr / (1 - Math.pow(b1, step))) * Math.atan2(wm[i], Math.sqrt(wv[i]) / Math.sqrt(1 - Math.pow(b2, step)));
        }
        close("adam p", wp, d(o, 0), 1e-5);
        close("adam m", wm, d(o, 2), 1e-5);
        close("adam v", wv, d(o, 3), 1e-5);

        // the same update with lr, bc1, bc2 read from the rates array: bit for bit the same
        double[] rates = new double[Optimizers.RATES];
        java.util.Arrays.fill(rates, Double.NaN); // entries adam does not read
        rates[Optimizers.LR] = lr;
        rates[Optimizers.BC1] = bc1;
        rates[Optimizers.BC2] = bc2;
        for (int span : new int[]{1, 7, 2048}) { // one element per work-item (GPUs), partial spans, the CPUs' span
            Object[] r = run("Optimizers.adamAtan2Rates(span " + span + ")", TRANSC, fn(Optimizers::adamAtan2Rates), null,
                    floats(p), floats(g), floats(m), floats(v), n, floats(rates), b1, b2, wd, span);
            for (int i : new int[]{0, 2, 3}) close("adamAtan2Rates arg " + i + " (span " + span + ") vs adamAtan2", d(o, i), d(r, i), 0);
        }
    }

    @Test void atan2WithinThreeUlpAndJavasSpecialValues() {
        Random r = new Random(3);
        for (int i = 0; i < 1_000_000; i++) {
            float y = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(16) - 8)), x = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(16) - 8));
            float want = (float) Math.atan2(y, x), got = Optimizers.atan2(y, x);
            assertTrue(Math.abs(want - got) <= 3 * Math.ulp(want), "atan2(" + y + ", " + x + ") = " + got + ", want " + want);
        }
        float inf = Float.POSITIVE_INFINITY;
        float[] special = {0f, -0f, 1f, -1f, 3e38f, -2.5e-39f, inf, -inf, Float.NaN};
        for (float y : special)
            for (float x : special)
                assertEquals(Float.floatToIntBits((float) Math.atan2(y, x)), Float.floatToIntBits(Optimizers.atan2(y, x)),
                        "atan2(" + y + ", " + x + ") = " + Optimizers.atan2(y, x) + ", want " + (float) Math.atan2(y, x));
    }

    @Test void signSgdAndEma() {
        int np = 4, dim = 6, batch = 5;
        int[] ids = {2, 0, 2, 3, 2};
        double[] w = randn(rnd, np * dim, 1), grad = randn(rnd, batch * dim, 1);
        grad[1 * dim + 2] = 0; // a zero gradient: sign 0, only decay
        float lr = 0.01f, wd = 0.5f;
        Object[] o = run("Optimizers.signSgd", fn(Optimizers::signSgd), floats(w), floats(grad), ints(ids), batch, dim, lr, wd);
        double[] want = w.clone();
        for (int id = 0; id < np; id++) {
            boolean used = false;
            double[] sum = new double[dim];
            for (int b = 0; b < batch; b++)
                if (ids[b] == id) { used = true; for (int d = 0; d < dim; d++) sum[d] += grad[b * dim + d]; }
            if (used)
                for (int d = 0; d < dim; d++) want[id * dim + d] = w[id * dim + d] * (1 - lr * wd) - lr * Math.signum(sum[d]);
        }
        close("sign-SGD", want, d(o, 0), 1e-6);
        double[] rates = new double[Optimizers.RATES];
        java.util.Arrays.fill(rates, Double.NaN); // only rates[PUZZLE_LR] is read
        rates[Optimizers.PUZZLE_LR] = lr;
        Object[] r = run("Optimizers.signSgdRates", fn(Optimizers::signSgdRates), floats(w), floats(grad), ints(ids), batch, dim, floats(rates), wd);
        close("signSgdRates vs signSgd", d(o, 0), d(r, 0), 0);

        int n = 17;
        double[] e = randn(rnd, n, 1), p = randn(rnd, n, 1);
        Object[] eo = run("Optimizers.ema", fn(Optimizers::ema), floats(e), floats(p), n, 0.999f);
        double[] we = new double[n];
        for (int i = 0; i < n; i++) we[i] = 0.999 * e[i] + 0.001 * p[i];
        close("ema", we, d(eo, 0), 1e-6);
    }

    @Test void actResetAndHalt() {
        int batch = 3, seq = 4, len = 6, dim = 2;
        int[] halted = {1, 0, 1};
        int[] newIn = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, newLab = {-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12};
        int[] in = new int[12], lab = new int[12];
        java.util.Arrays.fill(in, 77);
        java.util.Arrays.fill(lab, 88);
        Object[] rd = run("ActCarry.resetData", fn(ActCarry::resetData), ints(halted), ints(newIn), ints(newLab), ints(new int[]{7, 8, 9}),
                ints(in), ints(lab), ints(new int[]{1, 1, 1}), ints(new int[]{4, 5, 6}), batch, seq);
        assertArrayEquals(new int[]{1, 2, 3, 4, 77, 77, 77, 77, 9, 10, 11, 12}, ints(rd, 4));
        assertArrayEquals(new int[]{-1, -2, -3, -4, 88, 88, 88, 88, -9, -10, -11, -12}, ints(rd, 5));
        assertArrayEquals(new int[]{7, 1, 9}, ints(rd, 6));
        assertArrayEquals(new int[]{0, 5, 0}, ints(rd, 7));

        double[] zh = randn(rnd, batch * len * dim, 1), zl = randn(rnd, batch * len * dim, 1);
        double[] hi = {0.5, -0.25}, li = {2, 3};
        Object[] rs = run("ActCarry.resetState", fn(ActCarry::resetState), ints(halted), floats(zh), floats(zl), floats(hi), floats(li), batch, len, dim);
        double[] wh = zh.clone(), wl = zl.clone();
        for (int b = 0; b < batch; b++)
            if (halted[b] != 0)
                for (int p = 0; p < len; p++)
                    for (int d = 0; d < dim; d++) { wh[(b * len + p) * dim + d] = hi[d]; wl[(b * len + p) * dim + d] = li[d]; }
        close("zH reset", wh, d(rs, 1), 0);
        close("zL reset", wl, d(rs, 2), 0);

        int[] steps = {15, 2, 3, 0, 5};
        double[] q = {-1, 0, 0.5, 0, 0.5, 0, 0.5, 0, -0.1, 0};
        int[] minHalt = {0, 0, 4, 0, 0};
        Object[] tr = run("ActCarry.halt(train)", fn(ActCarry::halt), ints(steps), ints(new int[5]), floats(q), ints(minHalt), 5, 16, 1);
        assertArrayEquals(new int[]{16, 3, 4, 1, 6}, ints(tr, 0));
        // slot 0 reaches max; slot 1 q>0; slot 2 q>0 and steps 4 >= min 4; slot 3 q>0 (min 0); slot 4 q<0
        assertArrayEquals(new int[]{1, 1, 1, 1, 0}, ints(tr, 1));
        int[] minHalt2 = {0, 5, 0, 0, 0};
        Object[] tr2 = run("ActCarry.halt(explore)", fn(ActCarry::halt), ints(steps), ints(new int[5]), floats(q), ints(minHalt2), 5, 16, 1);
        assertArrayEquals(new int[]{1, 0, 1, 1, 0}, ints(tr2, 1));
        Object[] ev = run("ActCarry.halt(eval)", fn(ActCarry::halt), ints(steps), ints(new int[5]), floats(q), ints(minHalt), 5, 16, 0);
        assertArrayEquals(new int[]{1, 0, 0, 0, 0}, ints(ev, 1));
    }

    @Test void elementwise() {
        int n = 23;
        double[] a = randn(rnd, n, 1), b = randn(rnd, n, 1), c = randn(rnd, n, 1);
        double[] sum = new double[n], sum3 = new double[n], sc = new double[n];
        for (int i = 0; i < n; i++) {
            sum[i] = (float) ((float) a[i] + (float) b[i]);
            sum3[i] = (float) (a[i] + (float) (b[i] + c[i]));
            sc[i] = (float) (1.5f * (float) a[i]);
        }
        close("add", sum, d(run("Elementwise.add", fn(Elementwise::add), floats(a), floats(b), nans(n), n), 2), 0);
        close("add3", sum3, d(run("Elementwise.add3", fn(Elementwise::add3), floats(a), floats(b), floats(c), nans(n), n), 3), 0);
        close("addInPlace", sum, d(run("Elementwise.addInPlace", fn(Elementwise::addInPlace), floats(a), floats(b), n), 0), 0);
        close("copy", a, d(run("Elementwise.copy", fn(Elementwise::copy), floats(a), nans(n), n), 1), 0);
        double[] fives = new double[n];
        java.util.Arrays.fill(fives, 5);
        close("fill", fives, d(run("Elementwise.fill", fn(Elementwise::fill), nans(n), 5f, n), 0), 0);
        close("scale", sc, d(run("Elementwise.scale", fn(Elementwise::scale), floats(a), nans(n), 1.5f, n), 1), 0);
        var same = floats(a);
        close("scale in place", sc, d(run("Elementwise.scale(in place)", fn(Elementwise::scale), same, same, 1.5f, n), 0), 0);

        int batch = 2, len = 3, dim = 4;
        double[] x = randn(rnd, batch * len * dim, 1), dOut = randn(rnd, batch * dim, 1);
        Object[] gp = run("Elementwise.gatherPosition", fn(Elementwise::gatherPosition), floats(x), nans(batch * dim), batch, len, dim, 0);
        double[] want = new double[batch * dim];
        for (int bb = 0; bb < batch; bb++) System.arraycopy(x, bb * len * dim, want, bb * dim, dim);
        close("gatherPosition", want, d(gp, 1), 0);
        Object[] sp = run("Elementwise.scatterAddPosition", fn(Elementwise::scatterAddPosition), floats(dOut), floats(x), batch, len, dim, 0);
        KernelCheck.Fn gather = xx -> {
            double s = 0;
            for (int bb = 0; bb < batch; bb++) for (int d = 0; d < dim; d++) s += xx[bb * len * dim + d] * dOut[bb * dim + d];
            return s;
        };
        close("scatterAddPosition vs finite differences (+ x)", LinearTest.add(numericGrad(gather, x), x), d(sp, 1), 1e-5);
        assertEquals(n, a.length);
    }
}
