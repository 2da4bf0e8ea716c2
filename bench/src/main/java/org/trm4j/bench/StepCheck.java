package org.trm4j.bench;

import org.trm4j.api.Device;
import org.trm4j.api.FloatArray;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.StepResult;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The step graph and the inference graph of a preset on a device against the same graphs on {@code java}: same
 * weights, same batches. Compared: the lm loss of every step, the token logits of the first step, every parameter
 * after the last step, and the inference logits and predictions. The tolerances allow float32 reordering (another
 * device sums in another order, contracts to FMA) and AdamATan2's sign-like first updates, where a gradient element
 * near zero can flip an update of lr (1e-4) each step; they are far below what a wrong kernel produces.
 */
public final class StepCheck {
    /** Relative to the largest magnitude of the compared tensor. */
    static final double LOGIT_TOL = 2e-3, LOSS_TOL = 1e-3;
    /** Absolute, per parameter element, per step taken: two flipped updates of lr each. */
    static final double PARAM_TOL_PER_STEP = 2.5e-4;

    /** One compared quantity: its worst difference, the allowed one, and whether it passed. */
    public record Line(String what, double difference, double allowed) {
        public boolean ok() { return difference <= allowed; }
    }

    private StepCheck() {}

    /** What one device produced: losses per step, step-1 logits, parameters after the steps, one inference step. */
    public record Outcome(double[] losses, float[] stepLogits, Map<String, FloatArray> params, float[] inferLogits, int[] inferPreds) {}

    /** Compares {@code d} with {@code ref} (java's outcome, from {@link #outcome}). */
    public static List<Line> compare(TrmConfig c, int batch, int steps, Device d, Outcome ref) {
        Outcome dev = outcome(c, batch, steps, d);
        List<Line> lines = new ArrayList<>();
        for (int s = 0; s < steps; s++)
            lines.add(new Line("step " + (s + 1) + " lm loss", Math.abs(ref.losses()[s] - dev.losses()[s]), LOSS_TOL * Math.max(1, Math.abs(ref.losses()[s]))));
        lines.add(relative("step 1 token logits", ref.stepLogits(), dev.stepLogits(), LOGIT_TOL));
        double worst = 0;
        String where = "";
        for (String name : ref.params().keySet()) {
            FloatArray x = ref.params().get(name), y = dev.params().get(name);
            for (int i = 0; i < x.getSize(); i++) {
                double diff = Math.abs(x.get(i) - y.get(i));
                if (!(diff <= worst)) { worst = diff; where = name; } // NaN counts as worst
            }
        }
        lines.add(new Line("parameters after " + steps + " steps (worst: " + where + ")", worst, PARAM_TOL_PER_STEP * steps));
        // One supervision step of inference is compared: over all of them, an untrained net's recursion amplifies float32
        // rounding differences (seen on tiny-mlp, PoCL vs java: logits equal to 1e-5 after step 1, a first prediction
        // differing at step 8, most of them by step 16), so the full run is only checked to finish with finite logits.
        lines.add(relative("inference logits after 1 step", ref.inferLogits(), dev.inferLogits(), LOGIT_TOL));
        int differ = 0;
        for (int i = 0; i < ref.inferPreds().length; i++) if (ref.inferPreds()[i] != dev.inferPreds()[i]) differ++;
        // A near-tie between two logits may resolve either way: allow 1% of the tokens.
        lines.add(new Line("inference predictions after 1 step differing (of " + ref.inferPreds().length + ")", differ,
                Math.max(1, ref.inferPreds().length / 100)));
        try (InferenceGraph g = new InferenceGraph(Parameters.initialized(c, 3), batch, d)) {
            g.run(inferBatch(c, batch));
            int bad = 0;
            for (float v : g.tokenLogits()) if (!Float.isFinite(v)) bad++;
            lines.add(new Line("non-finite logits after all " + g.steps() + " inference steps", bad, 0));
        }
        return lines;
    }

    /** Everything {@link #compare} compares, computed on {@code d}. */
    public static Outcome outcome(TrmConfig c, int batch, int steps, Device d) {
        Random rnd = new Random(5);
        double[] losses = new double[steps];
        float[] logits = null;
        Map<String, FloatArray> params;
        try (TrainingStepGraph g = new TrainingStepGraph(Parameters.initialized(c, 3), batch, TrainingHyper.timing(batch), d)) {
            for (int s = 0; s < steps; s++) {
                StepResult r = g.step(Batch.random(c, batch, rnd));
                losses[s] = r.lmLoss();
                if (s == 0) logits = g.tokenLogits();
            }
            params = g.syncToHost().tensors();
        }
        try (InferenceGraph g = new InferenceGraph(Parameters.initialized(c, 3), batch, 1, d)) {
            var r = g.run(inferBatch(c, batch));
            return new Outcome(losses, logits, params, g.tokenLogits(), r.finalPredictions());
        }
    }

    private static Batch inferBatch(TrmConfig c, int batch) { return Batch.random(c, batch, new Random(11)); }

    private static Line relative(String what, float[] a, float[] b, double tol) {
        double max = 0, worst = 0;
        for (float v : a) max = Math.max(max, Math.abs(v));
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs(a[i] - b[i]);
            if (!(diff <= worst)) worst = diff;
        }
        return new Line(what + " (max |x| " + Table.num(max) + ")", worst, tol * Math.max(max, 1e-6));
    }
}
