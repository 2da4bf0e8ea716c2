package org.trm4j.train;

import org.trm4j.api.Device;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.InferenceResult;
import org.trm4j.train.data.Examples;

/**
 * Evaluation on a held-out split as the reference's evaluate: every example runs all halt_max_steps supervision
 * steps from a fresh carry (no early halt at evaluation) with the given weights (the EMA copy when the run keeps
 * one); the last step's predictions are scored.
 */
public final class Evaluator {
    private Evaluator() {}

    /**
     * What one evaluation measured.
     *
     * @param examples      examples scored (those with at least one labelled token, as the reference counts)
     * @param tokenAccuracy mean over examples of the fraction of labelled tokens predicted right
     * @param exactAccuracy fraction of examples with every labelled token right
     * @param qHaltAccuracy fraction with (q_halt >= 0 at the last step) == exactly right
     * @param meanHaltStep  mean supervision step at which q_halt first turns positive (halt_max_steps if never): the
     *                      steps the model would take with ACT
     * @param seconds       wall time
     */
    public record Result(int examples, double tokenAccuracy, double exactAccuracy, double qHaltAccuracy, double meanHaltStep, double seconds) {}

    /** Scores the first {@code max} examples of {@code test} (all when 0) in batches of {@code batch}. */
    public static Result evaluate(Parameters weights, Examples test, int max, int batch, Device device) {
        TrmConfig c = weights.config();
        int n = max > 0 ? Math.min(max, test.size()) : test.size(), s = c.seqLen();
        if (n == 0) return new Result(0, 0, 0, 0, 0, 0);
        long t0 = System.nanoTime();
        EvalMetrics m = new EvalMetrics();
        int b = Math.min(batch, n);
        int[] in = new int[b * s], lab = new int[b * s], ids = new int[b];
        try (InferenceGraph g = new InferenceGraph(weights, b, device)) {
            for (int from = 0; from < n; from += b) {
                int used = Math.min(b, n - from);
                for (int k = 0; k < b; k++) {
                    int i = from + Math.min(k, used - 1);   // a short last batch repeats its last example; those are not scored
                    test.inputs(i, in, k * s);
                    test.labels(i, lab, k * s);
                    ids[k] = test.puzzleId(i);
                }
                InferenceResult r = g.run(in, ids);
                int[] pred = r.finalPredictions();
                for (int k = 0; k < used; k++) {
                    int halt = r.steps();
                    for (int step = 0; step < r.steps(); step++) if (r.qHalt()[step][k] > 0) { halt = step + 1; break; }
                    m.add(lab, pred, k * s, s, halt, r.qHalt()[r.steps() - 1][k]);
                }
            }
        }
        return new Result((int) m.count(), m.tokenAccuracy(), m.exactAccuracy(), m.qHaltAccuracy(), m.meanHaltingStep(), (System.nanoTime() - t0) / 1e9);
    }
}
