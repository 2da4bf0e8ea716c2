package org.trm4j.infer;

import java.util.function.Consumer;

import org.trm4j.api.Device;
import org.trm4j.model.Parameters;
import org.trm4j.train.EvalMetrics;
import org.trm4j.train.data.Examples;
import org.trm4j.train.data.Progress;

/**
 * Evaluates a model on a set of examples as the reference does: every example runs all halt_max_steps steps from
 * a fresh carry and its last step's predictions are scored ({@link EvalMetrics}).
 *
 * @param metrics  the scores
 * @param steps    supervision steps run per example
 * @param seconds  wall time of the model runs (graph build included)
 */
public record Evaluation(EvalMetrics metrics, int steps, double seconds) {

    /** Examples per second. */
    public double examplesPerSecond() { return seconds > 0 ? metrics.count() / seconds : 0; }

    /** Runs {@code params} over {@code ex}; {@code each} (may be null) also sees every example's outputs. */
    public static Evaluation run(Parameters params, Examples ex, int batch, Device device, Progress progress, Consumer<ExampleResult> each) {
        return run(params, ex, params.config().haltMaxSteps(), batch, device, progress, each);
    }

    /** {@link #run} with {@code steps} supervision steps per example (scored at the last). */
    public static Evaluation run(Parameters params, Examples ex, int steps, int batch, Device device, Progress progress, Consumer<ExampleResult> each) {
        EvalMetrics m = new EvalMetrics();
        long t0 = System.nanoTime();
        progress.start("evaluating " + ex.size() + " examples", ex.size());
        try (BatchRunner r = new BatchRunner(params, Math.max(1, Math.min(batch, ex.size())), steps, device)) {
            r.run(ex, progress, res -> {
                m.add(res.labels(), res.finalPreds(), res.haltingStep(params.config().haltMaxSteps()), res.finalQHalt());
                if (each != null) each.accept(res);
            });
        }
        progress.end();
        return new Evaluation(m, steps, (System.nanoTime() - t0) / 1e9);
    }
}
