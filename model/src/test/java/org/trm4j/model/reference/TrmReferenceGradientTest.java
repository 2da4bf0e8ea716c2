package org.trm4j.model.reference;

import org.junit.jupiter.api.Test;
import org.trm4j.model.reference.TrmReference.Batch;
import org.trm4j.model.reference.TrmReference.Carry;
import org.trm4j.model.reference.TrmReference.LossType;
import org.trm4j.model.reference.TrmReference.StepOutput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.trm4j.model.reference.RefParams.*;

/**
 * The analytic gradient of one whole supervision step against central finite differences, for every
 * trainable tensor, on tiny configs of both variants.
 *
 * <p>What is differentiated: f(params) = (lm_loss + 0.5 q_halt_loss) / globalBatchSize of
 * {@link TrmReference#stepFromEntry}, with the carry entering the gradient cycle fixed (computed once
 * from the unperturbed parameters by the H_cycles-1 no-grad cycles) — which is exactly the gradient the
 * reference's autograd computes.  Numeric derivative: (f(p+h) - f(p-h)) / 2h with h = 1e-6.
 * Error: |analytic - numeric| / max(|analytic|, |numeric|, 1e-7); must be below 1e-5.  The floor
 * 1e-7 is ~100x the round-off of the difference quotient (float64 loss ~1, eps 1.1e-16, /2h), so tiny
 * gradients are compared absolutely and everything else relatively.
 * Tensors up to 64 elements are checked element by element; larger ones at 24 random elements plus
 * their largest-gradient element.  Every perturbed run must give the same argmax predictions and the
 * same "sequence exactly right" flags as the base run (they are piecewise constant), else the test fails.
 */
class TrmReferenceGradientTest {

    /** Step of the central difference; mvn ... -Dtrm.ref.fdStep=1e-5: the worst error drops ~10x,
     *  so at 1e-6 it is round-off of the difference quotient, not a gradient error. */
    static final double H = Double.parseDouble(System.getProperty("trm.ref.fdStep", "1e-6"));
    static final double TOL = 1e-5, FLOOR = 1e-7;

    static RefConfig mlpT() {
        // vocab 6, seqLen 7, prefix 2 (ndim 12: position 0 full, position 1 half), D 8, 2 heads, H 2, L 2, 2 layers
        return new RefConfig(6, 7, 2, 12, 4, 8, 2, 4, 2, 2, 2, true, "none", 1e-5, 10000, 16);
    }

    static RefConfig attention() {
        // vocab 6, seqLen 6, prefix 3 (ndim = D), D 12, 2 heads (head_dim 6), H 2, L 2, 2 layers, rope
        return new RefConfig(6, 6, 3, 12, 3, 12, 2, 4, 2, 2, 2, false, "rope", 1e-5, 10000, 16);
    }

    static Batch randomBatch(RefConfig c, int bsz, long seed, int[] ids) {
        Random r = new Random(seed);
        int s = c.seqLen();
        int[] in = new int[bsz * s], lab = new int[bsz * s];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(c.vocabSize());
            lab[i] = r.nextInt(4) == 0 ? TrmReference.IGNORE_LABEL_ID : r.nextInt(c.vocabSize());
        }
        return new Batch(bsz, in, lab, ids);
    }

    /** Sets slot b's labelled targets to the model's own predictions, so that its q_halt target is 1. */
    static Batch makeSlotCorrect(TrmReference ref, Carry entry, Batch batch, int slot) {
        StepOutput o = ref.stepFromEntry(entry, batch, LossType.STABLEMAX, batch.size(), false);
        int[] lab = batch.labels().clone();
        int s = ref.config().seqLen();
        for (int t = 0; t < s; t++)
            if (lab[slot * s + t] != TrmReference.IGNORE_LABEL_ID) lab[slot * s + t] = o.loss.preds()[slot * s + t];
        return new Batch(batch.size(), batch.inputs(), lab, batch.puzzleIds());
    }

    static Carry initialCarry(RefConfig c, Map<String, double[]> p, int bsz) {
        int ld = c.totalLen() * c.hiddenSize();
        double[] zH = new double[bsz * ld], zL = new double[bsz * ld];
        for (int i = 0; i < zH.length; i++) {
            zH[i] = p.get(H_INIT)[i % c.hiddenSize()];
            zL[i] = p.get(L_INIT)[i % c.hiddenSize()];
        }
        return new Carry(zH, zL);
    }

    /** Result of one FD sweep: worst relative error and how many elements were checked. */
    record Sweep(double worst, String where, int checked) {}

    /**
     * Central differences of f = (perturbed params) -> stepFromEntry(entry, ...).scaledTotal against the
     * analytic gradient, for every gradient tensor.
     */
    static Sweep checkAll(RefConfig c, Map<String, double[]> p, Batch batch, Carry entry, LossType type, int globalBatch,
                          boolean fixedEntry, long seed) {
        TrmReference ref = new TrmReference(c, p);
        StepOutput base = fixedEntry ? ref.stepFromEntry(entry, batch, type, globalBatch, true)
                : ref.supervisionStep(entry, batch, type, globalBatch, true);
        assertEquals(new java.util.HashSet<>(gradientNames(c)), base.grads.keySet(), "a gradient for every trainable tensor");
        assertFalse(base.grads.containsKey(H_INIT) || base.grads.containsKey(L_INIT));
        Random r = new Random(seed);
        double worst = 0;
        String where = "";
        int checked = 0;
        for (String name : gradientNames(c)) {
            double[] t = p.get(name), g = base.grads.get(name);
            List<Integer> idx = new ArrayList<>();
            if (t.length <= 64) for (int i = 0; i < t.length; i++) idx.add(i);
            else {
                int big = 0;
                for (int i = 1; i < g.length; i++) if (Math.abs(g[i]) > Math.abs(g[big])) big = i;
                idx.add(big);
                for (int k = 0; k < 24; k++) idx.add(r.nextInt(t.length));
            }
            double tensorNorm = 0;
            for (double x : g) tensorNorm = Math.max(tensorNorm, Math.abs(x));
            if (!name.equals(Q_HEAD_B)) assertTrue(tensorNorm > 1e-8, name + " has no gradient at all");
            for (int i : idx) {
                double orig = t[i];
                t[i] = orig + H;
                StepOutput plus = fixedEntry ? ref.stepFromEntry(entry, batch, type, globalBatch, false)
                        : ref.supervisionStep(entry, batch, type, globalBatch, false);
                t[i] = orig - H;
                StepOutput minus = fixedEntry ? ref.stepFromEntry(entry, batch, type, globalBatch, false)
                        : ref.supervisionStep(entry, batch, type, globalBatch, false);
                t[i] = orig;
                for (StepOutput o : new StepOutput[]{plus, minus}) {
                    assertArrayEquals(base.loss.preds(), o.loss.preds(), "argmax flipped under perturbation of " + name + "[" + i + "]");
                    assertArrayEquals(base.loss.seqCorrect(), o.loss.seqCorrect(), "exact flag flipped at " + name + "[" + i + "]");
                }
                double num = (plus.loss.scaledTotal() - minus.loss.scaledTotal()) / (2 * H);
                double err = Math.abs(num - g[i]) / Math.max(Math.max(Math.abs(num), Math.abs(g[i])), FLOOR);
                checked++;
                if (err > worst) {
                    worst = err;
                    where = name + "[" + i + "] analytic " + g[i] + " numeric " + num;
                }
            }
        }
        return new Sweep(worst, where, checked);
    }

    static void assertSweep(String what, Sweep s) {
        System.out.printf("%s: %d elements, worst relative error %.3g at %s%n", what, s.checked(), s.worst(), s.where());
        assertTrue(s.worst() < TOL, what + ": worst " + s.worst() + " at " + s.where());
    }

    @Test
    void mlpTVariantEveryTensor() {
        RefConfig c = mlpT();
        Map<String, double[]> p = RefParams.random(c, 11);
        int bsz = 3;
        Batch batch = randomBatch(c, bsz, 12, new int[]{1, 3, 1}); // id 1 used twice: its gradient is the sum
        TrmReference ref = new TrmReference(c, p);
        Carry entry = ref.noGradCycles(initialCarry(c, p, bsz), ref.inputEmbedding(batch), bsz);
        batch = makeSlotCorrect(ref, entry, batch, 0);
        StepOutput o = ref.stepFromEntry(entry, batch, LossType.STABLEMAX, bsz, false);
        assertTrue(o.loss.seqCorrect()[0] && !o.loss.seqCorrect()[1], "both q_halt targets occur");
        assertSweep("MLP-T stablemax", checkAll(c, p, batch, entry, LossType.STABLEMAX, bsz, true, 13));
    }

    @Test
    void attentionVariantEveryTensor() {
        RefConfig c = attention();
        Map<String, double[]> p = RefParams.random(c, 21);
        int bsz = 2;
        Batch batch = randomBatch(c, bsz, 22, new int[]{2, 0});
        TrmReference ref = new TrmReference(c, p);
        Carry entry = ref.noGradCycles(initialCarry(c, p, bsz), ref.inputEmbedding(batch), bsz);
        batch = makeSlotCorrect(ref, entry, batch, 1);
        // global batch larger than the local one, as in micro-batching
        assertSweep("attention rope stablemax", checkAll(c, p, batch, entry, LossType.STABLEMAX, 5, true, 23));
    }

    @Test
    void attentionLearnedPositionsSoftmaxAndAnUnlabelledSequence() {
        RefConfig c = attention().withPos("learned");
        Map<String, double[]> p = RefParams.random(c, 31);
        int bsz = 3;
        Batch batch = randomBatch(c, bsz, 32, new int[]{0, 1, 2});
        int[] lab = batch.labels().clone();
        Arrays.fill(lab, 2 * c.seqLen(), 3 * c.seqLen(), TrmReference.IGNORE_LABEL_ID); // slot 2: nothing labelled
        batch = new Batch(bsz, batch.inputs(), lab, batch.puzzleIds());
        TrmReference ref = new TrmReference(c, p);
        Carry entry = ref.noGradCycles(initialCarry(c, p, bsz), ref.inputEmbedding(batch), bsz);
        StepOutput o = ref.stepFromEntry(entry, batch, LossType.SOFTMAX, bsz, false);
        assertTrue(o.loss.seqCorrect()[2], "no labels counts as exactly right (reference: 0 == 0)");
        assertSweep("attention learned softmax", checkAll(c, p, batch, entry, LossType.SOFTMAX, bsz, true, 33));
    }

    @Test
    void mlpTWithLearnedPositionsAndOneHCycleThroughThePublicStep() {
        // H_cycles 1: no no-grad cycles, so the public supervisionStep itself is differentiated end to end.
        RefConfig c = mlpT().withPos("learned").withCycles(1, 3);
        Map<String, double[]> p = RefParams.random(c, 41);
        int bsz = 2;
        Batch batch = randomBatch(c, bsz, 42, new int[]{0, 2});
        Carry carry = initialCarry(c, p, bsz);
        assertSweep("MLP-T learned, H_cycles 1, public step", checkAll(c, p, batch, carry, LossType.STABLEMAX, bsz, false, 43));
    }

    @Test
    void theNoGradCyclesReallyCarryNoGradient() {
        // Teeth: differentiating straight through supervisionStep (no-grad cycles included) must NOT match,
        // so the tests above would catch a reference that let gradient into the earlier cycles.
        RefConfig c = attention();
        Map<String, double[]> p = RefParams.random(c, 51);
        int bsz = 2;
        Batch batch = randomBatch(c, bsz, 52, new int[]{0, 1});
        Carry carry = initialCarry(c, p, bsz);
        Sweep s = checkAll(c, p, batch, carry, LossType.STABLEMAX, bsz, false, 53);
        System.out.printf("through the no-grad cycles: worst relative error %.3g (expected large)%n", s.worst());
        assertTrue(s.worst() > 1e-2, "earlier cycles should change the full derivative");
        // and the public step is the fixed-entry step after the no-grad cycles
        TrmReference ref = new TrmReference(c, p);
        StepOutput a = ref.supervisionStep(carry, batch, LossType.STABLEMAX, bsz, true);
        StepOutput b = ref.stepFromEntry(ref.noGradCycles(carry, ref.inputEmbedding(batch), bsz), batch, LossType.STABLEMAX, bsz, true);
        assertEquals(a.loss.scaledTotal(), b.loss.scaledTotal(), 0);
        for (String n : a.grads.keySet()) assertArrayEquals(a.grads.get(n), b.grads.get(n), 0, n);
    }

    @Test
    void continueHeadIsUntrainedAndPuzzleSlotGradsSumPerId() {
        RefConfig c = mlpT();
        Map<String, double[]> p = RefParams.random(c, 61);
        int bsz = 3;
        Batch batch = randomBatch(c, bsz, 62, new int[]{1, 3, 1});
        TrmReference ref = new TrmReference(c, p);
        StepOutput o = ref.supervisionStep(initialCarry(c, p, bsz), batch, LossType.STABLEMAX, bsz, true);
        double[] qw = o.grads.get(Q_HEAD_W), qb = o.grads.get(Q_HEAD_B);
        for (int j = 0; j < c.hiddenSize(); j++) assertEquals(0, qw[c.hiddenSize() + j], 0);
        assertEquals(0, qb[1], 0);
        assertNotEquals(0, qb[0]);
        int nd = c.puzzleEmbNdim();
        double[] pe = o.grads.get(PUZZLE_EMB);
        for (int k = 0; k < nd; k++) {
            assertEquals(o.puzzleSlotGrads[k] + o.puzzleSlotGrads[2 * nd + k], pe[nd + k], 1e-18);
            assertEquals(o.puzzleSlotGrads[nd + k], pe[3 * nd + k], 0);
            assertEquals(0, pe[k], 0);      // id 0 unused
            assertEquals(0, pe[2 * nd + k], 0);
        }
    }
}
