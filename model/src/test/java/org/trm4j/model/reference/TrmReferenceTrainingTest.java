package org.trm4j.model.reference;

import org.junit.jupiter.api.Test;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.TensorSpec;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.reference.RefOptimizer.Hyper;
import org.trm4j.model.reference.TrmReference.ActState;
import org.trm4j.model.reference.TrmReference.ActStep;
import org.trm4j.model.reference.TrmReference.Batch;
import org.trm4j.model.reference.TrmReference.Carry;
import org.trm4j.model.reference.TrmReference.LossType;
import org.trm4j.model.reference.TrmReference.StepOutput;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;
import static org.trm4j.model.reference.RefParams.*;

/** The ACT wrapper, the optimizers, the K-step runner and the agreement with the model module's parameter spec. */
class TrmReferenceTrainingTest {

    static RefConfig tinyAtt(int haltMax) {
        return new RefConfig(6, 6, 2, 8, 3, 8, 2, 4, 2, 2, 2, false, "rope", 1e-5, 10000, haltMax);
    }

    // ------------------------------------------------------------------ optimizers by hand

    @Test
    void adamAtan2TwoStepsByHand() {
        double[] p = {1}, m = {0}, v = {0};
        RefOptimizer.adamAtan2(p, new double[]{0.5}, m, v, 1, 0.1, 0.5, 0.9, 0.95);
        // p = 0.95 - (0.1/0.1) atan2(0.05, sqrt(0.0125)/sqrt(0.05) = 0.5) = 0.95 - atan(0.1)
        assertEquals(0.95 - Math.atan(0.1), p[0], 1e-15);
        assertEquals(0.05, m[0], 1e-15);
        assertEquals(0.0125, v[0], 1e-15);
        RefOptimizer.adamAtan2(p, new double[]{-1}, m, v, 2, 0.1, 0.5, 0.9, 0.95);
        // m = -0.055, v = 0.061875, bc1 = 0.19, bc2 = 0.0975
        assertEquals(-0.055, m[0], 1e-15);
        assertEquals(0.061875, v[0], 1e-15);
        assertEquals(0.8440946036629491, p[0], 1e-14);
    }

    @Test
    void signSgdDecaysAndStepsOnlyUsedRowsOnce() {
        double[] w = {1, 1, 1, 1, 1, 1};                   // 3 ids x 2
        double[] g = {9, 9, 0.3, -0.2, 0, 5};
        RefOptimizer.signSgd(w, g, 2, new int[]{1, 1, 2}, 0.1, 0.5); // id 1 twice: one update
        assertArrayEquals(new double[]{1, 1, 0.95 - 0.1, 0.95 + 0.1, 0.95, 0.95 - 0.1}, w, 1e-15);
    }

    @Test
    void emaAndLearningRateSchedule() {
        double[] s = {1, 2};
        RefOptimizer.emaUpdate(s, new double[]{3, 4}, 0.9);
        assertArrayEquals(new double[]{0.1 * 3 + 0.9, 0.1 * 4 + 1.8}, s, 1e-15);
        assertEquals(0.1, RefOptimizer.lrAt(1, 1, 10, 100, 1.0), 1e-15);
        assertEquals(1.0, RefOptimizer.lrAt(10, 1, 10, 100, 1.0), 1e-15);
        assertEquals(1.0, RefOptimizer.lrAt(99, 1, 10, 100, 1.0), 1e-15);   // lr_min_ratio 1: constant
        assertEquals(0.5, RefOptimizer.lrAt(15, 1, 10, 20, 0.0), 1e-15);    // cosine half way
        assertEquals(0.0, RefOptimizer.lrAt(20, 1, 10, 20, 0.0), 1e-15);
    }

    // ------------------------------------------------------------------ ACT

    static Batch batch(RefConfig c, int bsz, int seed) {
        java.util.Random r = new java.util.Random(seed);
        int[] in = new int[bsz * c.seqLen()], lab = new int[in.length], ids = new int[bsz];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextInt(c.vocabSize());
            lab[i] = r.nextInt(5) == 0 ? -100 : r.nextInt(c.vocabSize());
        }
        for (int b = 0; b < bsz; b++) ids[b] = r.nextInt(c.numPuzzleIdentifiers());
        return new Batch(bsz, in, lab, ids);
    }

    static Map<String, double[]> paramsWithHaltBias(RefConfig c, double bias) {
        Map<String, double[]> p = RefParams.random(c, 5);
        Arrays.fill(p.get(Q_HEAD_W), 0);
        p.get(Q_HEAD_B)[0] = bias;
        return p;
    }

    /** The carry a slot must start the step with: H_init/L_init when it was reset, else its previous carry. */
    static Carry expectedEntryCarry(RefConfig c, Map<String, double[]> p, boolean[] reset, double[] zH, double[] zL) {
        int ld = c.totalLen() * c.hiddenSize();
        double[] h = zH.clone(), l = zL.clone();
        for (int b = 0; b < reset.length; b++)
            if (reset[b])
                for (int i = 0; i < ld; i++) {
                    h[b * ld + i] = p.get(H_INIT)[i % c.hiddenSize()];
                    l[b * ld + i] = p.get(L_INIT)[i % c.hiddenSize()];
                }
        return new Carry(h, l);
    }

    @Test
    void haltingResetAndExplorationFloor() {
        RefConfig c = tinyAtt(3);
        Map<String, double[]> p = paramsWithHaltBias(c, 10);   // q_halt = 10 > 0: every slot wants to halt
        TrmReference ref = new TrmReference(c, p);
        int bsz = 3;
        ActState st = new ActState(c, bsz);
        int[] minHalt = {0, 2, 3};
        Batch b1 = batch(c, bsz, 1), b2 = batch(c, bsz, 2), b3 = batch(c, bsz, 3);

        ActStep s1 = ref.actStep(st, b1, minHalt, true, LossType.STABLEMAX, bsz);
        assertArrayEquals(new boolean[]{true, true, true}, s1.reset());
        assertArrayEquals(new int[]{1, 1, 1}, s1.steps());
        assertArrayEquals(new boolean[]{true, false, false}, s1.halted());
        assertArrayEquals(b1.inputs(), s1.current().inputs());

        double[] zH1 = st.zH.clone(), zL1 = st.zL.clone();
        ActStep s2 = ref.actStep(st, b2, minHalt, true, LossType.STABLEMAX, bsz);
        assertArrayEquals(new boolean[]{true, false, false}, s2.reset());
        assertArrayEquals(new int[]{1, 2, 2}, s2.steps());
        assertArrayEquals(new boolean[]{true, true, false}, s2.halted());
        int s = c.seqLen();
        assertArrayEquals(Arrays.copyOfRange(b2.inputs(), 0, s), Arrays.copyOfRange(s2.current().inputs(), 0, s), "slot 0 took the new example");
        assertArrayEquals(Arrays.copyOfRange(b1.labels(), s, 3 * s), Arrays.copyOfRange(s2.current().labels(), s, 3 * s), "slots 1, 2 kept theirs");
        assertEquals(b2.puzzleIds()[0], s2.current().puzzleIds()[0]);
        assertEquals(b1.puzzleIds()[1], s2.current().puzzleIds()[1]);
        // the step ran from H_init/L_init for slot 0 and from the previous carry for slots 1, 2
        StepOutput want = ref.supervisionStep(expectedEntryCarry(c, p, s2.reset(), zH1, zL1), s2.current(), LossType.STABLEMAX, bsz, true);
        assertArrayEquals(want.logits, s2.out().logits, 0);
        assertArrayEquals(want.carry.zH(), st.zH, 0);
        assertArrayEquals(want.carry.zL(), st.zL, 0);

        ActStep s3 = ref.actStep(st, b3, minHalt, true, LossType.STABLEMAX, bsz);
        assertArrayEquals(new boolean[]{true, true, false}, s3.reset());
        assertArrayEquals(new int[]{1, 1, 3}, s3.steps());
        // slot 1 restarted: at step 1 it is below its floor of 2 again; slot 2 reached halt_max_steps
        assertArrayEquals(new boolean[]{true, false, true}, s3.halted());
        // metrics over halted slots with labels (reference sums)
        int count = 0, steps = 0;
        double acc = 0;
        for (int b = 0; b < bsz; b++)
            if (s3.halted()[b] && s3.out().loss.labelCounts()[b] > 0) {
                count++;
                steps += s3.steps()[b];
                acc += (double) s3.out().loss.correctCounts()[b] / s3.out().loss.labelCounts()[b];
            }
        assertEquals(count, s3.metrics().count());
        assertEquals(steps, s3.metrics().steps());
        assertEquals(acc, s3.metrics().accuracy(), 1e-15);
    }

    @Test
    void evaluationAndNegativeQRunToMaxSteps() {
        RefConfig c = tinyAtt(3);
        int bsz = 2;
        for (boolean training : new boolean[]{false, true}) {
            // eval ignores q_halt > 0; training with q_halt < 0 never halts early
            TrmReference ref = new TrmReference(c, paramsWithHaltBias(c, training ? -10 : 10));
            ActState st = new ActState(c, bsz);
            for (int k = 1; k <= 3; k++) {
                ActStep a = ref.actStep(st, batch(c, bsz, k), null, training, LossType.STABLEMAX, bsz);
                assertArrayEquals(new int[]{k, k}, a.steps());
                boolean last = k == 3;
                assertArrayEquals(new boolean[]{last, last}, a.halted(), "training=" + training + " step " + k);
                if (!last) assertEquals(0, a.metrics().count(), "no metrics before a slot halts");
            }
        }
    }

    // ------------------------------------------------------------------ K steps end to end

    @Test
    void runStepsWiring() {
        RefConfig c = tinyAtt(2);
        Map<String, double[]> p0 = RefParams.random(c, 7);
        int bsz = 3;
        List<Batch> batches = List.of(batch(c, bsz, 11), batch(c, bsz, 12), batch(c, bsz, 13));
        Hyper h = new Hyper(1e-2, 3e-2, 0.1, 0.2, 0.9, 0.95, 2, 100, 1.0, 0.9, bsz, LossType.STABLEMAX, true);
        List<RefTrainer.StepRecord> recs = RefTrainer.runSteps(c, p0, batches, null, h);
        assertEquals(3, recs.size());
        assertEquals(5e-3, recs.get(0).lr(), 1e-18);         // warm-up: step 1 of 2
        assertEquals(1.5e-2, recs.get(0).puzzleLr(), 1e-18);
        assertEquals(1e-2, recs.get(1).lr(), 1e-18);

        // step 1 in closed form: m = 0.1 g, sqrt(v)/sqrt(bc2) = |g|, so p1 = p0 (1 - lr wd) - (lr/0.1) atan(0.1) sign(g)
        RefTrainer.StepRecord r1 = recs.get(0);
        double lr = r1.lr();
        for (String n : adamNames(c)) {
            double[] a = p0.get(n), b = r1.paramsAfter().get(n), g = r1.grads().get(n);
            for (int i = 0; i < a.length; i++)
                assertEquals(a[i] * (1 - lr * 0.1) - lr / 0.1 * Math.atan(0.1) * Math.signum(g[i]), b[i], 1e-15, n + "[" + i + "]");
            double[] e = r1.emaAfter().get(n);
            for (int i = 0; i < a.length; i++) assertEquals(0.1 * b[i] + 0.9 * a[i], e[i], 1e-15);
        }
        int nd = c.puzzleEmbNdim();
        boolean[] used = new boolean[c.numPuzzleIdentifiers()];
        for (int id : r1.current().puzzleIds()) used[id] = true;
        for (int id = 0; id < used.length; id++)
            for (int k = 0; k < nd; k++) {
                double a = p0.get(PUZZLE_EMB)[id * nd + k], b = r1.paramsAfter().get(PUZZLE_EMB)[id * nd + k];
                double want = used[id] ? a * (1 - r1.puzzleLr() * 0.2) - r1.puzzleLr() * Math.signum(r1.grads().get(PUZZLE_EMB)[id * nd + k]) : a;
                assertEquals(want, b, 1e-15);
            }
        assertArrayEquals(p0.get(H_INIT), recs.get(2).paramsAfter().get(H_INIT), 0);
        assertArrayEquals(p0.get(L_INIT), recs.get(2).paramsAfter().get(L_INIT), 0);

        // step k's gradients are those of the parameters after step k-1, at the recorded entry carry
        for (int k = 1; k < 3; k++) {
            RefTrainer.StepRecord r = recs.get(k);
            StepOutput o = new TrmReference(c, RefParams.copy(recs.get(k - 1).paramsAfter()))
                    .stepFromEntry(r.entry(), r.current(), LossType.STABLEMAX, bsz, true);
            for (String n : gradientNames(c)) assertArrayEquals(o.grads.get(n), r.grads().get(n), 0, n);
            assertArrayEquals(o.logits, r.logits(), 0);
        }
        // halting (halt_max_steps 2, no exploration) and the resets it causes
        for (int k = 0; k < 3; k++) {
            RefTrainer.StepRecord r = recs.get(k);
            for (int b = 0; b < bsz; b++) assertEquals(r.steps()[b] >= 2 || r.qHalt()[b] > 0, r.halted()[b]);
            if (k > 0) assertArrayEquals(recs.get(k - 1).halted(), r.reset());
        }
        assertTrue(Double.isFinite(recs.get(2).loss().total()));
    }

    // ------------------------------------------------------------------ agreement with the model module

    static List<TrmConfig> moduleConfigs() {
        return List.of(
                TrmConfig.builder().name("t-mlp").vocabSize(6).seqLen(7).puzzleEmbLen(2).hiddenSize(8).puzzleEmbNdim(12)
                        .numPuzzleIdentifiers(4).numHeads(2).hCycles(2).lCycles(2).mlpT(true).posEncodings("none").build(),
                TrmConfig.builder().name("t-att").vocabSize(6).seqLen(6).puzzleEmbLen(3).hiddenSize(12)
                        .numPuzzleIdentifiers(3).numHeads(2).hCycles(2).lCycles(2).build(),
                TrmConfig.builder().name("t-learned").vocabSize(5).seqLen(4).hiddenSize(8).noPuzzleEmb()
                        .numHeads(2).hCycles(1).lCycles(1).posEncodings("learned").build());
    }

    @Test
    void namesShapesAndRolesAgreeWithParameterSpec() {
        for (TrmConfig tc : moduleConfigs()) {
            RefConfig c = RefConfig.of(tc);
            ParameterSpec spec = ParameterSpec.of(tc);
            Map<String, int[]> theirs = new LinkedHashMap<>();
            for (TensorSpec t : spec.tensors()) theirs.put(t.name(), t.shape());
            Map<String, int[]> mine = shapes(c);
            assertEquals(mine.keySet(), theirs.keySet(), tc.name());
            for (String n : mine.keySet()) assertArrayEquals(mine.get(n), theirs.get(n), tc.name() + " " + n);
            for (TensorSpec t : spec.tensors()) {
                boolean adam = adamNames(c).contains(t.name());
                assertEquals(adam, t.role() == TensorSpec.Role.ADAM, t.name());
                assertEquals(t.name().equals(PUZZLE_EMB), t.role() == TensorSpec.Role.SIGN_SGD, t.name());
            }
        }
    }

    @Test
    void runsFromTheModuleInitialisation() {
        for (TrmConfig tc : moduleConfigs()) {
            RefConfig c = RefConfig.of(tc);
            Map<String, double[]> p = fromParameters(Parameters.initialized(tc, 3));
            int bsz = 2;
            Batch b = batch(c, bsz, 4);
            if (c.puzzleEmbNdim() == 0) b = new Batch(bsz, b.inputs(), b.labels(), new int[bsz]);
            List<RefTrainer.StepRecord> recs = RefTrainer.runSteps(c, p, List.of(b, b),
                    null, Hyper.constant(1e-4, 1e-4, 1.0, 1.0, bsz));
            // q_head starts at weight 0, bias -5: q logits are exactly -5 at the first step
            assertArrayEquals(new double[]{-5, -5}, recs.get(0).qHalt(), 1e-6, tc.name());
            for (RefTrainer.StepRecord r : recs) assertTrue(Double.isFinite(r.loss().total()), tc.name());
        }
    }
}
