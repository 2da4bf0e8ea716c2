package org.trm4j.kernels;

import org.trm4j.api.DoubleArray;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.trm4j.kernels.KernelCheck.*;

class LossesTest {
    static final int B = 4, S = 4, LEN = 6, V = 5, IG = Losses.IGNORE;
    static final float FACTOR = 0.125f;
    final Random rnd = new Random(9);
    final int[] labels = {1, 4, IG, 0, IG, IG, IG, IG, 3, 3, 2, IG, 0, 1, 2, 3};

    static double s(double x) { return x >= 0 ? x + 1 : 1 / (1 - x); }

    /** Sum over sequences of factor * mean NLL of labelled tokens (stablemax or softmax). */
    double loss(double[] logits, boolean stablemax) {
        double total = 0;
        for (int b = 0; b < B; b++) {
            double l = 0;
            int n = 0;
            for (int t = 0; t < S; t++) {
                int y = labels[b * S + t];
                if (y == IG) continue;
                n++;
                int at = (b * LEN + LEN - S + t) * V;
                if (stablemax) {
                    double sum = 0;
                    for (int j = 0; j < V; j++) sum += s(logits[at + j]);
                    l -= Math.log(s(logits[at + y]) / sum);
                } else {
                    double max = Double.NEGATIVE_INFINITY, sum = 0;
                    for (int j = 0; j < V; j++) max = Math.max(max, logits[at + j]);
                    for (int j = 0; j < V; j++) sum += Math.exp(logits[at + j] - max);
                    l -= logits[at + y] - max - Math.log(sum);
                }
            }
            total += FACTOR * l / Math.max(n, 1);
        }
        return total;
    }

    @Test void stablemaxAndSoftmax() {
        double[] logits = randn(rnd, B * LEN * V, 2);
        for (boolean stable : new boolean[]{true, false}) {
            String n = stable ? "stablemax" : "softmax";
            Object[] f = stable
                    ? run("Losses.stablemaxForward", TRANSC, fn(Losses::stablemaxForward), null, floats(logits), ints(labels), new DoubleArray(B), new org.trm4j.api.IntArray(B), B, S, LEN, V, FACTOR)
                    : run("Losses.softmaxForward", TRANSC, fn(Losses::softmaxForward), null, floats(logits), ints(labels), new DoubleArray(B), new org.trm4j.api.IntArray(B), B, S, LEN, V, FACTOR);
            double total = 0;
            for (double v : d(f, 2)) total += v;
            assertEquals(loss(logits, stable), total, 1e-12 * Math.abs(total) + 1e-15, n + " loss");
            assertArrayEquals(new int[]{3, 0, 3, 4}, ints(f, 3), n + " counts");
            Object[] g = stable
                    ? run("Losses.stablemaxBackward", TRANSC, fn(Losses::stablemaxBackward), null, floats(logits), ints(labels), f[3], nans(logits.length), B, S, LEN, V, FACTOR)
                    : run("Losses.softmaxBackward", TRANSC, fn(Losses::softmaxBackward), null, floats(logits), ints(labels), f[3], nans(logits.length), B, S, LEN, V, FACTOR);
            close(n + " dLogits vs finite differences", numericGrad(x -> loss(x, stable), logits, 1e-6), d(g, 3), 1e-4);
        }
    }

    @Test void metricsQHaltAndSummary() {
        double[] logits = randn(rnd, B * LEN * V, 1);
        // Slot 3: every labelled token predicted right; slot 0: all but one.
        for (int b : new int[]{0, 3})
            for (int t = 0; t < S; t++) {
                int y = labels[b * S + t];
                if (y != IG && !(b == 0 && t == 1)) logits[(b * LEN + LEN - S + t) * V + y] = 5;
            }
        logits[(0 * LEN + LEN - S + 1) * V + 0] = 6; // slot 0, token 1 (label 4) predicted 0
        Object[] m = run("Losses.tokenMetrics", fn(Losses::tokenMetrics), floats(logits), ints(labels),
                new org.trm4j.api.IntArray(B), new org.trm4j.api.IntArray(B), new org.trm4j.api.IntArray(B), B, S, LEN, V);
        int[] correct = ints(m, 2), count = ints(m, 3), exact = ints(m, 4);
        assertArrayEquals(new int[]{3, 0, 3, 4}, count);
        assertEquals(2, correct[0]);
        assertEquals(4, correct[3]);
        assertEquals(0, correct[1]);
        assertArrayEquals(new int[]{0, 1, correct[2] == 3 ? 1 : 0, 1}, exact);

        double[] q = {0.7, -9, -1.3, 2, 0.2, 1, 0, 5};
        for (int i = 0; i < q.length; i++) q[i] = (float) q[i]; // the kernels see floats
        Object[] qf = run("Losses.qHaltForward", TRANSC, fn(Losses::qHaltForward), null, floats(q), m[4], new DoubleArray(B), B);
        float w = 0.5f / 8;
        KernelCheck.Fn bce = qq -> {
            double sum = 0;
            for (int b = 0; b < B; b++) {
                double x = qq[2 * b], t = exact[b], p = 1 / (1 + Math.exp(-x));
                sum -= t * Math.log(p) + (1 - t) * Math.log(1 - p);
            }
            return sum;
        };
        double total = 0;
        for (double v : d(qf, 2)) total += v;
        assertEquals(bce.apply(q), total, 1e-9);
        Object[] qb = run("Losses.qHaltBackward", TRANSC, fn(Losses::qHaltBackward), null, floats(q), m[4], nans(2 * B), B, w);
        double[] num = numericGrad(bce, q);
        for (int i = 0; i < num.length; i++) num[i] = i % 2 == 0 ? w * num[i] : 0;
        close("dq vs finite differences", num, d(qb, 2), 1e-4);

        DoubleArray seqLoss = new DoubleArray(B);
        for (int b = 0; b < B; b++) seqLoss.set(b, 0.25 * (b + 1));
        int[] halted = {1, 1, 0, 1}, steps = {3, 16, 2, 5};
        Object[] sm = run("Losses.summary", fn(Losses::summary), ints(halted), m[3], m[2], m[4], floats(q), ints(steps),
                seqLoss, qf[2], new DoubleArray(7), B);
        double[] out = d(sm, 8);
        // valid: slots 0 and 3 (slot 1 has no labels, slot 2 is not halted)
        assertEquals(2, out[0]);
        assertEquals(2.0 / 3 + 1.0, out[1], 1e-12);
        assertEquals(1, out[2]);
        // q >= 0 == exact: slot 0: q 0.7 >= 0 but not exact -> wrong; slot 3: q 5 >= 0 and exact -> right
        assertEquals(1, out[3]);
        assertEquals(8, out[4]);
        assertEquals(0.25 + 0.5 + 0.75 + 1.0, out[5], 1e-12);
        assertEquals(total, out[6], 1e-12);
    }
}
