package org.trm4j.kernels;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.trm4j.kernels.KernelCheck.*;

class AttentionRopeTest {
    static final int B = 2, L = 5, H = 2, HD = 4, W = 3 * H * HD;
    static final float THETA = 10000f;
    final Random rnd = new Random(3);

    static double[][] tables(int len, int hd, double theta) {
        double[] cos = new double[len * hd], sin = new double[len * hd];
        for (int p = 0; p < len; p++)
            for (int j = 0; j < hd; j++) {
                int jj = j % (hd / 2);
                double a = p / Math.pow(theta, 2.0 * jj / hd);
                cos[p * hd + j] = Math.cos(a);
                sin[p * hd + j] = Math.sin(a);
            }
        return new double[][]{cos, sin};
    }

    /** Rotate-half RoPE on q and k parts of qkv, as the reference's apply_rotary_pos_emb. */
    static double[] rope(double[] qkv, double[] cos, double[] sin) {
        double[] out = qkv.clone();
        int half = HD / 2;
        for (int r = 0; r < B * L; r++) {
            int p = r % L;
            for (int part = 0; part < 2; part++)
                for (int h = 0; h < H; h++) {
                    int base = r * W + (part * H + h) * HD;
                    for (int j = 0; j < HD; j++) {
                        double rot = j < half ? -qkv[base + j + half] : qkv[base + j - half];
                        out[base + j] = qkv[base + j] * cos[p * HD + j] + rot * sin[p * HD + j];
                    }
                }
        }
        return out;
    }

    /** Attention output [B*L, H*HD] from (already rotated) qkv. */
    static double[] attention(double[] qkv) {
        double scale = 1 / Math.sqrt(HD);
        double[] o = new double[B * L * H * HD];
        for (int b = 0; b < B; b++)
            for (int h = 0; h < H; h++)
                for (int i = 0; i < L; i++) {
                    double[] s = new double[L];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < L; j++) {
                        double dd = 0;
                        for (int d = 0; d < HD; d++)
                            dd += qkv[(b * L + i) * W + h * HD + d] * qkv[(b * L + j) * W + (H + h) * HD + d];
                        s[j] = dd * scale;
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < L; j++) { s[j] = Math.exp(s[j] - max); sum += s[j]; }
                    for (int d = 0; d < HD; d++) {
                        double acc = 0;
                        for (int j = 0; j < L; j++) acc += s[j] / sum * qkv[(b * L + j) * W + (2 * H + h) * HD + d];
                        o[(b * L + i) * H * HD + h * HD + d] = acc;
                    }
                }
        return o;
    }

    @Test void ropeTablesForwardBackward() {
        Object[] t = run("Rope.tables", TRANSC, fn(Rope::tables), null, nans(L * HD), nans(L * HD), L, HD, THETA);
        double[][] want = tables(L, HD, THETA);
        close("cos table", want[0], d(t, 0), 1e-5);
        close("sin table", want[1], d(t, 1), 1e-5);
        double[] cos = d(t, 0), sin = d(t, 1);
        double[] qkv = randn(rnd, B * L * W, 1), dy = randn(rnd, B * L * W, 1);
        Object[] f = run("Rope.forward", fn(Rope::forward), floats(qkv), f(t, 0), f(t, 1), B * L, L, H, HD);
        close("rope forward vs double", rope(qkv, cos, sin), d(f, 0), 1e-5);
        Object[] b = run("Rope.backward", fn(Rope::backward), floats(dy), f(t, 0), f(t, 1), B * L, L, H, HD);
        close("rope backward vs finite differences", numericGrad(x -> dot(rope(x, cos, sin), dy), qkv), d(b, 0), 1e-4);
    }

    @Test void attentionForwardBackward() {
        float scale = (float) (1 / Math.sqrt(HD));
        double[] qkv = randn(rnd, B * L * W, 1), dO = randn(rnd, B * L * H * HD, 1);
        int pn = B * H * L * L, ln = B * H * L;
        Object[] fp = run("Attention.forwardProbs", TRANSC, fn(Attention::forwardProbs), null,
                floats(qkv), nans(pn), nans(ln), B, L, H, HD, scale);
        Object[] fo = run("Attention.forwardOutput", fn(Attention::forwardOutput), f(fp, 1), floats(qkv), nans(B * L * H * HD), B, L, H, HD);
        double[] o = d(fo, 2);
        close("attention forward vs double", attention(qkv), o, 1e-5);

        Object[] rp = run("Attention.recomputeProbs", TRANSC, fn(Attention::recomputeProbs), null,
                floats(qkv), f(fp, 2), nans(pn), B, L, H, HD, scale);
        close("recomputed probabilities", d(fp, 1), d(rp, 2), 1e-5);

        Object[] dl = run("Attention.backwardDelta", fn(Attention::backwardDelta), floats(dO), f(fo, 2), nans(ln), B, L, H, HD);
        Object[] dv = run("Attention.backwardValue", fn(Attention::backwardValue), f(fp, 1), floats(dO), nans(B * L * W), B, L, H, HD);
        Object[] ds = run("Attention.backwardScores", fn(Attention::backwardScores), floats(qkv), floats(dO), f(dl, 2), f(fp, 1), B, L, H, HD);
        Object[] dqk = run("Attention.backwardQueryKey", fn(Attention::backwardQueryKey), f(ds, 3), floats(qkv), f(dv, 2), B, L, H, HD, scale);
        double[] num = numericGrad(x -> dot(attention(x), dO), qkv);
        close("attention dqkv vs finite differences", num, d(dqk, 2), 1e-4);
    }
}
