package org.trm4j.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.trm4j.kernels.KernelCheck.*;

class RmsNormSwiGluTest {
    final Random rnd = new Random(5);

    static double[] rms(double[] x, int rows, int n, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int j = 0; j < n; j++) ss += x[r * n + j] * x[r * n + j];
            double f = 1 / Math.sqrt(ss / n + eps);
            for (int j = 0; j < n; j++) y[r * n + j] = x[r * n + j] * f;
        }
        return y;
    }

    static double[] transpose(double[] x, int batch, int r, int c) {
        double[] y = new double[x.length];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < r; i++)
                for (int j = 0; j < c; j++) y[(b * c + j) * r + i] = x[(b * r + i) * c + j];
        return y;
    }

    @Test void rmsNormForwardBackward() {
        int rows = 6, n = 13;
        float eps = 1e-5f;
        double[] x = randn(rnd, rows * n, 1.5), dy = randn(rnd, rows * n, 1);
        Object[] f = run("RmsNorm.forward", fn(RmsNorm::forward), floats(x), nans(rows * n), nans(rows), rows, n, eps);
        close("rms forward vs double", rms(x, rows, n, eps), d(f, 1), 1e-5);
        double[] num = numericGrad(xx -> dot(rms(xx, rows, n, eps), dy), x);
        Object[] bw = run("RmsNorm.backward", fn(RmsNorm::backward), floats(x), f(f, 2), floats(dy), nans(rows * n), rows, n);
        close("rms backward vs finite differences", num, d(bw, 3), 1e-4);
    }

    @Test void transposeAndSequenceAxisNorm() {
        int batch = 2, len = 5, dim = 3;
        double[] h = randn(rnd, batch * len * dim, 1), dy = randn(rnd, batch * len * dim, 1);
        Object[] t = run("RmsNorm.transpose", fn(RmsNorm::transpose), floats(h), nans(h.length), batch, len, dim);
        close("transpose", transpose(h, batch, len, dim), d(t, 1), 0);
        Object[] tb = run("RmsNorm.transposeBackward", fn(RmsNorm::transposeBackward), floats(dy), nans(h.length), batch, dim, len);
        double[] num = numericGrad(xx -> dot(transpose(xx, batch, dim, len), dy), dy.clone());
        close("transposeBackward vs finite differences", num, d(tb, 1), 1e-6);

        // rms over the sequence axis = transpose, row rms over L, transpose back; backward likewise.
        KernelCheck.Fn seqRms = xx -> dot(transpose(rms(transpose(xx, batch, len, dim), batch * dim, len, 1e-5), batch, dim, len), dy);
        Object[] r = run("RmsNorm.forward(seq)", fn(RmsNorm::forward), f(t, 1), nans(h.length), nans(batch * dim), batch * dim, len, 1e-5f);
        Object[] back = run("RmsNorm.transpose(back)", fn(RmsNorm::transpose), f(r, 1), nans(h.length), batch, dim, len);
        close("sequence-axis rms", transpose(rms(transpose(h, batch, len, dim), batch * dim, len, 1e-5), batch, dim, len), d(back, 1), 1e-5);
        Object[] g1 = run("RmsNorm.transposeBackward(seq)", fn(RmsNorm::transposeBackward), floats(dy), nans(h.length), batch, dim, len);
        Object[] g2 = run("RmsNorm.backward(seq)", fn(RmsNorm::backward), f(t, 1), f(r, 2), f(g1, 1), nans(h.length), batch * dim, len);
        Object[] g3 = run("RmsNorm.transposeBackward(seq2)", fn(RmsNorm::transposeBackward), f(g2, 3), nans(h.length), batch, len, dim);
        close("sequence-axis rms backward vs finite differences", numericGrad(seqRms, h), d(g3, 1), 1e-4);
    }

    static double[] swiglu(double[] gu, int rows, int inter) {
        double[] h = new double[rows * inter];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < inter; j++) {
                double g = gu[r * 2 * inter + j], u = gu[r * 2 * inter + inter + j];
                h[r * inter + j] = g / (1 + Math.exp(-g)) * u;
            }
        return h;
    }

    @Test void swiGlu() {
        int rows = 4, inter = 7;
        double[] gu = randn(rnd, rows * 2 * inter, 2), dh = randn(rnd, rows * inter, 1);
        double[] num = numericGrad(x -> dot(swiglu(x, rows, inter), dh), gu);
        for (int span : new int[]{1, 3, inter, 64}) { // one column per work-item (GPUs), partial spans, whole rows (CPUs)
            Object[] f = run("SwiGlu.forward(span " + span + ")", TRANSC, fn(SwiGlu::forward), null, floats(gu), nans(rows * inter), rows, inter, span);
            close("swiglu forward (span " + span + ") vs double", swiglu(gu, rows, inter), d(f, 1), 1e-5);
            Object[] b = run("SwiGlu.backward(span " + span + ")", TRANSC, fn(SwiGlu::backward), null, floats(gu), floats(dh), nans(gu.length), rows, inter, span);
            close("swiglu backward (span " + span + ") vs finite differences", num, d(b, 2), 1e-4);
        }
    }
}
