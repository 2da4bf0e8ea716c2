package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.reference.RefConfig;
import org.trm4j.model.reference.RefParams;
import org.trm4j.model.reference.TrmReference;

/**
 * The inference graph (all haltMaxSteps = 16 supervision steps, no early halt) against the float64 reference run
 * step by step from H_init/L_init: the q logits of every step, the final logits, and the predictions of every step.
 *
 * <p>Sixteen steps are 96 net applications in a row, and the recursion can amplify a perturbation (with these
 * random weights tiny-mlp multiplies one by ~10 per step: rounding of 1e-7 becomes 1e-1 by step 8, in float64 as
 * much as in float32). So the tolerance of step k is max(1e-4, {@value #ENVELOPE} x the deviation of a second
 * float64 run whose H_init/L_init were perturbed by {@value #PERTURB} relative): the graph must stay within the
 * envelope that the model's own sensitivity gives to float32 rounding. Predictions are compared where the
 * reference's lead over the second-best logit exceeds {@value #ENVELOPE} x that run's logit deviation (all 384 on
 * tiny-att; on tiny-mlp the first steps' and 125 in all, the rest being decided by the amplified rounding).
 */
class InferenceGraphTest {
    static final int B = 3;
    static final double PERTURB = 1e-6, ENVELOPE = 10;

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"tiny-mlp, java", "tiny-att, java", "tiny-mlp, opencl:0:0", "tiny-att, opencl:0:0", "tiny-mlp, vector", "tiny-att, vector"})
    void allStepsMatchTheReference(String preset, String deviceId) {
        TrmConfig c = Presets.get(preset);
        Parameters p = GraphFixtures.params(c, 31);
        Map<String, double[]> p0 = RefParams.fromParameters(p);
        Map<String, double[]> perturbed = RefParams.copy(p0);
        Random r = new Random(1);
        for (String n : List.of(ParameterSpec.H_INIT, ParameterSpec.L_INIT))
            for (int i = 0; i < perturbed.get(n).length; i++) perturbed.get(n)[i] *= 1 + PERTURB * (r.nextBoolean() ? 1 : -1);
        TrmReference ref = new TrmReference(RefConfig.of(c), p0), refP = new TrmReference(RefConfig.of(c), perturbed);
        Batch b = GraphFixtures.batch(c, B, 5);
        var rb = GraphFixtures.toRef(b);
        int s = c.seqLen(), v = c.vocabSize();
        List<String> bad = new ArrayList<>(), lines = new ArrayList<>();
        try (InferenceGraph g = new InferenceGraph(p, B, GraphFixtures.device(deviceId))) {
            InferenceResult res = g.run(b);
            assertEquals(c.haltMaxSteps(), res.steps());
            TrmReference.Carry carry = initial(c, p0), carryP = initial(c, perturbed);
            TrmReference.StepOutput out = null, outP = null;
            int compared = 0;
            double envelope = 0;
            for (int k = 0; k < res.steps(); k++) {
                out = ref.supervisionStep(carry, rb, TrmReference.LossType.STABLEMAX, B, false);
                outP = refP.supervisionStep(carryP, rb, TrmReference.LossType.STABLEMAX, B, false);
                carry = out.carry;
                carryP = outP.carry;
                double[] qh = new double[B], qc = new double[B];
                for (int i = 0; i < B; i++) { qh[i] = res.qHalt()[k][i]; qc[i] = res.qContinue()[k][i]; }
                double sens = Math.max(GraphFixtures.error(outP.qHalt, out.qHalt), GraphFixtures.error(outP.qContinue, out.qContinue));
                double tol = Math.max(GraphFixtures.REL, ENVELOPE * sens);
                envelope = Math.max(envelope, tol);
                double e = Math.max(GraphFixtures.error(qh, out.qHalt), GraphFixtures.error(qc, out.qContinue));
                String line = String.format("step %2d q logits: error %.2e, float64 sensitivity %.2e, tolerance %.2e", k + 1, e, sens, tol);
                lines.add(line);
                if (!(e <= tol)) bad.add(line);
                double logitDev = 0, scale = 0;
                for (int i = 0; i < out.logits.length; i++) {
                    logitDev = Math.max(logitDev, Math.abs(outP.logits[i] - out.logits[i]));
                    scale = Math.max(scale, Math.abs(out.logits[i]));
                }
                for (int row = 0; row < B * s; row++) {
                    double best = Double.NEGATIVE_INFINITY, second = Double.NEGATIVE_INFINITY;
                    int arg = 0;
                    for (int j = 0; j < v; j++) {
                        double x = out.logits[row * v + j];
                        if (x > best) { second = best; best = x; arg = j; } else if (x > second) second = x;
                    }
                    if (best - second > Math.max(1e-4 * scale, ENVELOPE * logitDev)) {
                        compared++;
                        if (arg != res.predictions()[k][row])
                            bad.add("step " + (k + 1) + " prediction " + row + ": reference " + arg + ", graph " + res.predictions()[k][row]);
                    }
                }
            }
            double[] logits = GraphFixtures.toDouble(g.tokenLogits());
            double e = GraphFixtures.error(logits, out.logits), sens = GraphFixtures.error(outP.logits, out.logits);
            double tol = Math.max(GraphFixtures.REL, ENVELOPE * sens);
            String line = String.format("final logits: error %.2e, float64 sensitivity %.2e, tolerance %.2e", e, sens, tol);
            lines.add(line);
            if (!(e <= tol)) bad.add(line);
            System.out.println(preset + " on " + deviceId + ": inference vs float64 reference, " + compared + " of " + res.steps() * B * s
                    + " predictions compared, " + g.taskCount() + " tasks per run; widest tolerance " + String.format("%.2e", envelope));
            lines.forEach(l -> System.out.println("  " + l));
            assertTrue(compared >= 3 * B * s, "too few predictions compared: " + compared);
        }
        assertEquals(List.of(), bad);
    }

    static TrmReference.Carry initial(TrmConfig c, Map<String, double[]> p) {
        int ld = c.totalLen() * c.hiddenSize();
        double[] zH = new double[B * ld], zL = new double[B * ld];
        for (int i = 0; i < B * ld; i++) {
            zH[i] = p.get(ParameterSpec.H_INIT)[i % c.hiddenSize()];
            zL[i] = p.get(ParameterSpec.L_INIT)[i % c.hiddenSize()];
        }
        return new TrmReference.Carry(zH, zL);
    }
}
