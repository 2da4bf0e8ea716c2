package org.trm4j.kernels;

import org.trm4j.api.IntArray;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.trm4j.kernels.KernelCheck.*;

class EmbeddingTest {
    static final int B = 3, S = 4, P = 3, LEN = S + P, D = 5, V = 6, NP = 4;
    static final float SCALE = (float) Math.sqrt(D), POS = 0.707106781f;
    final Random rnd = new Random(7);
    final int[] ids = {1, 0, 5, 1, 2, 2, 2, 3, 5, 0, 1, 1};
    final int[] pids = {2, 0, 2};
    final double[] embed = randn(rnd, V * D, 1), puzzle = randn(rnd, NP * D, 1), pos = randn(rnd, LEN * D, 1);
    final double[] dy = randn(rnd, B * LEN * D, 1);

    /** x with per-slot puzzle vectors slot [B, D] (the reference's local_weights) and optional positions. */
    static double[] ref(int[] ids, double[] embed, double[] slot, double[] pos) {
        double[] x = new double[B * LEN * D];
        for (int b = 0; b < B; b++)
            for (int p = 0; p < LEN; p++)
                for (int d = 0; d < D; d++) {
                    double e = p >= P ? embed[ids[b * S + p - P] * D + d] : p == 0 ? slot[b * D + d] : 0;
                    if (pos != null) e = POS * (e + pos[p * D + d]);
                    x[(b * LEN + p) * D + d] = SCALE * e;
                }
        return x;
    }

    double[] slots() {
        double[] s = new double[B * D];
        for (int b = 0; b < B; b++) System.arraycopy(puzzle, pids[b] * D, s, b * D, D);
        return s;
    }

    @Test void forwardAndBackward() {
        double[] slot = slots();
        Object[] f = run("Embedding.forward", fn(Embedding::forward), ints(ids), ints(pids), floats(embed), floats(puzzle),
                nans(B * LEN * D), B, S, P, D, SCALE);
        close("embedding forward vs double", ref(ids, embed, slot, null), d(f, 4), 1e-6);
        Object[] fp = run("Embedding.forwardPos", fn(Embedding::forwardPos), ints(ids), ints(pids), floats(embed), floats(puzzle),
                floats(pos), nans(B * LEN * D), B, S, P, D, SCALE, POS);
        close("embedding+pos forward vs double", ref(ids, embed, slot, pos), d(fp, 5), 1e-6);

        double[] dE0 = randn(rnd, V * D, 1);
        Object[] bt = run("Embedding.backwardTokens", fn(Embedding::backwardTokens), floats(dy), ints(ids), floats(dE0), B, S, P, D, V, SCALE);
        double[] num = numericGrad(e -> dot(ref(ids, e, slot, null), dy), embed);
        close("dEmbed (accumulated) vs finite differences", LinearTest.add(num, dE0), d(bt, 2), 1e-4);

        Object[] bp = run("Embedding.backwardPuzzle", fn(Embedding::backwardPuzzle), floats(dy), nans(B * D), B, S, P, D, SCALE);
        close("dSlot vs finite differences", numericGrad(s -> dot(ref(ids, embed, s, null), dy), slot), d(bp, 1), 1e-4);

        double[] dP0 = randn(rnd, LEN * D, 1);
        Object[] bpos = run("Embedding.backwardPos", fn(Embedding::backwardPos), floats(dy), floats(dP0), B, S, P, D, SCALE * POS);
        close("dPos (accumulated) vs finite differences", LinearTest.add(numericGrad(q -> dot(ref(ids, embed, slot, q), dy), pos), dP0), d(bpos, 1), 1e-4);
    }

    @Test void noPrefix() {
        Object[] f = run("Embedding.forward(P=0)", fn(Embedding::forward), ints(ids), ints(new int[]{0}), floats(embed), floats(new double[1]),
                nans(B * S * D), B, S, 0, D, 2f);
        double[] x = d(f, 4);
        for (int b = 0; b < B; b++)
            for (int s = 0; s < S; s++)
                for (int d = 0; d < D; d++)
                    org.junit.jupiter.api.Assertions.assertEquals((float) (2 * embed[ids[b * S + s] * D + d]), (float) x[(b * S + s) * D + d]);
    }

    static IntArray none() { return new IntArray(1); }
}
