package org.trm4j.model.reference;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;
import static org.trm4j.model.reference.RefLayers.*;

/** The pieces against hand computations, and each layer's backward against central differences. */
class RefLayersTest {

    private static double[] randn(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextGaussian();
        return a;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void swigluWidthsMatchTheSpec() {
        assertEquals(1536, RefConfig.swigluInter(512, 4));   // D = 512
        assertEquals(512, RefConfig.swigluInter(97, 4));     // Sudoku token mixing, L = 97
        assertEquals(256, RefConfig.swigluInter(8, 4));
        assertEquals(2560, RefConfig.swigluInter(916, 4));   // Maze/ARC token length: round(2442.67) = 2443 -> 2560
        assertEquals(256, RefConfig.swigluInter(3, 0.75));   // any small width rounds up to 256
    }

    @Test
    void ropeRotateHalfByHand() {
        // head_dim 4, theta 10000: inv_freq = [1, 10000^(-1/2) = 0.01]; the tables repeat them: [f0, f1, f0, f1]
        double[][] t = ropeTables(2, 4, 10000);
        double[] x = {1, 2, 3, 4, 1, 2, 3, 4};               // [batch 1, len 2, heads 1, hd 4]
        double[] y = ropeForward(x, 1, 2, 1, 4, t[0], t[1]);
        // position 0: identity
        assertArrayEquals(new double[]{1, 2, 3, 4}, java.util.Arrays.copyOfRange(y, 0, 4), 1e-15);
        // position 1: x cos + [-x3, -x4, x1, x2] sin with angles [1, 0.01, 1, 0.01]
        double c1 = Math.cos(1), s1 = Math.sin(1), c2 = Math.cos(0.01), s2 = Math.sin(0.01);
        double[] want = {1 * c1 - 3 * s1, 2 * c2 - 4 * s2, 3 * c1 + 1 * s1, 4 * c2 + 2 * s2};
        assertArrayEquals(want, java.util.Arrays.copyOfRange(y, 4, 8), 1e-15);
    }

    @Test
    void ropeBackwardIsTheTranspose() {
        Random r = new Random(1);
        int b = 2, len = 5, h = 2, hd = 6;
        double[][] t = ropeTables(len, hd, 10000);
        double[] x = randn(r, b * len * h * hd), g = randn(r, x.length);
        // <R x, g> == <x, R^T g>
        assertEquals(dot(ropeForward(x, b, len, h, hd, t[0], t[1]), g), dot(x, ropeBackward(g, b, len, h, hd, t[0], t[1])), 1e-12);
        // and a rotation keeps the norm
        double[] y = ropeForward(x, b, len, h, hd, t[0], t[1]);
        assertEquals(dot(x, x), dot(y, y), 1e-12);
    }

    @Test
    void stablemaxByHand() {
        // logits [1, -1, 0]: s = [2, 1/2, 1], sum 3.5
        double[] logits = {1, -1, 0};
        double[] g = new double[3];
        double loss = stablemaxCrossEntropy(logits, 0, 3, 0, g, 1.0);
        assertEquals(-Math.log(2 / 3.5), loss, 1e-15);
        // d/dx_i = s'(x_i)/sum - [i==y] s'(x_y)/s(x_y);  s' = [1, 1/4, 1]
        assertArrayEquals(new double[]{1 / 3.5 - 1 / 2.0, 0.25 / 3.5, 1 / 3.5}, g, 1e-15);
        assertEquals(-Math.log(0.5 / 3.5), stablemaxCrossEntropy(logits, 0, 3, 1, null, 1), 1e-15);
        assertEquals(1.0 / 3.0, stablemaxS(-2), 1e-15);
        assertEquals(3.5, stablemaxS(2.5), 0);
    }

    @Test
    void softmaxAndBceByHand() {
        double[] logits = {0, Math.log(3)};                   // softmax = [1/4, 3/4]
        double[] g = new double[2];
        assertEquals(Math.log(4), softmaxCrossEntropy(logits, 0, 2, 0, g, 1), 1e-15);
        assertArrayEquals(new double[]{0.25 - 1, 0.75}, g, 1e-15);
        assertEquals(Math.log(2), bceWithLogits(0, 1), 1e-15);
        assertEquals(Math.log1p(Math.exp(-3)), bceWithLogits(3, 1), 1e-15);
        assertEquals(3 + Math.log1p(Math.exp(-3)), bceWithLogits(3, 0), 1e-15);
        assertEquals(0, argmax(new double[]{5, 5, 1}, 0, 3), "first maximum, like torch.argmax");
    }

    @Test
    void attentionRowsSumToOneAndRmsGivesUnitMeanSquare() {
        Random r = new Random(2);
        int b = 2, len = 4, h = 2, hd = 3;
        Attn a = attentionForward(randn(r, b * len * h * hd), randn(r, b * len * h * hd), randn(r, b * len * h * hd), b, len, h, hd);
        for (int row = 0; row < b * h * len; row++) {
            double s = 0;
            for (int j = 0; j < len; j++) {
                assertTrue(a.probs()[row * len + j] > 0);
                s += a.probs()[row * len + j];
            }
            assertEquals(1, s, 1e-14);
        }
        int rows = 3, c = 7;
        double[] x = randn(r, rows * c);
        double[] y = rmsForward(x, rows, c, 1e-5);
        for (int i = 0; i < rows; i++) {
            double msx = 0, msy = 0;
            for (int j = 0; j < c; j++) {
                msx += x[i * c + j] * x[i * c + j] / c;
                msy += y[i * c + j] * y[i * c + j] / c;
            }
            assertEquals(msx / (msx + 1e-5), msy, 1e-14);   // exactly 1 up to eps
            assertEquals(1, msy, 1e-4);
        }
    }

    @Test
    void mlpTNormsOverPositionsAttentionOverChannels() {
        // After the first norm of a block: MLP-T has unit mean square down each channel's column of L positions,
        // the attention block along each position's row of D channels.  Both end with a norm over D.
        for (boolean mlpT : new boolean[]{true, false}) {
            RefConfig c = new RefConfig(6, 5, 2, 8, 2, 8, 2, 4, 1, 1, 1, mlpT, "rope", 1e-5, 10000, 4);
            TrmReference ref = new TrmReference(c, RefParams.random(c, 9));
            int bsz = 2, len = c.totalLen(), d = c.hiddenSize();
            double[] x = randn(new Random(10), bsz * len * d);
            TrmReference.BlockCache bc = ref.blockForward(0, x, bsz);
            for (int b = 0; b < bsz; b++) {
                if (mlpT) for (int j = 0; j < d; j++) {
                    double ms = 0;
                    for (int i = 0; i < len; i++) ms += bc.h1[(b * len + i) * d + j] * bc.h1[(b * len + i) * d + j] / len;
                    assertEquals(1, ms, 1e-3, "column " + j);
                }
                else for (int i = 0; i < len; i++) {
                    double ms = 0;
                    for (int j = 0; j < d; j++) ms += bc.h1[(b * len + i) * d + j] * bc.h1[(b * len + i) * d + j] / d;
                    assertEquals(1, ms, 1e-3, "row " + i);
                }
                for (int i = 0; i < len; i++) {
                    double ms = 0;
                    for (int j = 0; j < d; j++) ms += bc.out[(b * len + i) * d + j] * bc.out[(b * len + i) * d + j] / d;
                    assertEquals(1, ms, 1e-3);
                }
            }
        }
    }

    // ------------------------------------------------------------------ each backward by central differences

    /** Checks J^T g against central differences of x -> <f(x), g> for every element of x. */
    private static void checkInputGrad(String what, double[] x, Function<double[], double[]> f, double[] g, double[] analytic) {
        double h = 1e-6;
        for (int i = 0; i < x.length; i++) {
            double orig = x[i];
            x[i] = orig + h;
            double fp = dot(f.apply(x), g);
            x[i] = orig - h;
            double fm = dot(f.apply(x), g);
            x[i] = orig;
            double num = (fp - fm) / (2 * h);
            double err = Math.abs(num - analytic[i]) / Math.max(Math.max(Math.abs(num), Math.abs(analytic[i])), 1e-6);
            assertTrue(err < 1e-6, what + "[" + i + "]: analytic " + analytic[i] + " numeric " + num + " rel " + err);
        }
    }

    @Test
    void layerBackwardsMatchCentralDifferences() {
        Random r = new Random(3);
        // rms
        double[] x = randn(r, 3 * 5), g = randn(r, 3 * 5);
        checkInputGrad("rms", x, z -> rmsForward(z, 3, 5, 1e-5), g, rmsBackward(g, x, 3, 5, 1e-5));
        // linear with bias: input, weight, bias
        double[] w = randn(r, 4 * 5), bias = randn(r, 4), gy = randn(r, 3 * 4);
        double[] dw = new double[w.length], db = new double[4];
        double[] dx = linearBackward(gy, x, w, dw, db, 3, 5, 4);
        checkInputGrad("linear.x", x, z -> linearForward(z, w, bias, 3, 5, 4), gy, dx);
        checkInputGrad("linear.w", w, z -> linearForward(x, z, bias, 3, 5, 4), gy, dw);
        checkInputGrad("linear.b", bias, z -> linearForward(x, w, z, 3, 5, 4), gy, db);
        // swiglu: input and both weights
        int n = 5, inter = 3;
        double[] wgu = randn(r, 2 * inter * n), wd = randn(r, n * inter), gs = randn(r, 3 * n);
        double[] dwgu = new double[wgu.length], dwd = new double[wd.length];
        double[] dxs = swigluBackward(gs, swigluForward(x, wgu, wd, 3, n, inter), wgu, wd, dwgu, dwd);
        checkInputGrad("swiglu.x", x, z -> swigluForward(z, wgu, wd, 3, n, inter).out(), gs, dxs);
        checkInputGrad("swiglu.wGateUp", wgu, z -> swigluForward(x, z, wd, 3, n, inter).out(), gs, dwgu);
        checkInputGrad("swiglu.wDown", wd, z -> swigluForward(x, wgu, z, 3, n, inter).out(), gs, dwd);
        // attention: q, k, v
        int b = 2, len = 3, h = 2, hd = 2, m = b * len * h * hd;
        double[] q = randn(r, m), k = randn(r, m), v = randn(r, m), go = randn(r, m);
        double[][] d = attentionBackward(go, attentionForward(q, k, v, b, len, h, hd));
        checkInputGrad("attn.q", q, z -> attentionForward(z, k, v, b, len, h, hd).out(), go, d[0]);
        checkInputGrad("attn.k", k, z -> attentionForward(q, z, v, b, len, h, hd).out(), go, d[1]);
        checkInputGrad("attn.v", v, z -> attentionForward(q, k, z, b, len, h, hd).out(), go, d[2]);
        // stablemax CE on logits of both signs
        double[] logits = randn(r, 6);
        double[] dl = new double[6];
        stablemaxCrossEntropy(logits, 0, 6, 4, dl, 1);
        checkInputGrad("stablemax", logits, z -> new double[]{stablemaxCrossEntropy(z, 0, 6, 4, null, 1)}, new double[]{1}, dl);
        double[] dl2 = new double[6];
        softmaxCrossEntropy(logits, 0, 6, 2, dl2, 1);
        checkInputGrad("softmax", logits, z -> new double[]{softmaxCrossEntropy(z, 0, 6, 2, null, 1)}, new double[]{1}, dl2);
    }
}
