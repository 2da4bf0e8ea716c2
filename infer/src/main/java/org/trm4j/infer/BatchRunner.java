package org.trm4j.infer;

import java.util.function.Consumer;

import org.trm4j.api.Device;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.InferenceResult;
import org.trm4j.train.data.Examples;
import org.trm4j.train.data.Progress;

/**
 * Runs a model over every example of an {@link Examples} set in batches of a fixed size (one inference graph, built
 * once; the last batch is filled up with copies of its first example, whose outputs are dropped), handing each
 * example's outputs to a consumer in order.
 */
public final class BatchRunner implements AutoCloseable {
    private final TrmConfig c;
    private final int batch, steps;
    private final InferenceGraph graph;

    /** {@code steps} supervision steps per example (the config's haltMaxSteps for evaluation). */
    public BatchRunner(Parameters params, int batch, int steps, Device device) {
        this.c = params.config();
        this.batch = batch;
        this.steps = steps;
        this.graph = new InferenceGraph(params, batch, steps, device);
    }

    /** Checks that {@code ex} fits the model: same sequence length, tokens within the vocabulary (the first example). */
    public static void checkFits(Examples ex, TrmConfig c) {
        var m = ex.meta();
        if (m.seqLen() != c.seqLen())
            throw new IllegalArgumentException("the data has sequences of " + m.seqLen() + " tokens, the model " + c.seqLen());
        if (m.vocabSize() > c.vocabSize())
            throw new IllegalArgumentException("the data's vocabulary has " + m.vocabSize() + " tokens, the model's " + c.vocabSize());
    }

    /** Runs every example of {@code ex}; {@code progress} advances by one per example. */
    public void run(Examples ex, Progress progress, Consumer<ExampleResult> sink) {
        checkFits(ex, c);
        int s = c.seqLen(), n = ex.size();
        int[] in = new int[batch * s], lab = new int[batch * s], ids = new int[batch];
        for (int start = 0; start < n; start += batch) {
            int real = Math.min(batch, n - start);
            for (int b = 0; b < batch; b++) {
                int i = start + (b < real ? b : 0);
                ex.inputs(i, in, b * s);
                ex.labels(i, lab, b * s);
                ids[b] = ex.puzzleId(i);
                if (ids[b] >= c.numPuzzleIdentifiers())
                    throw new IllegalArgumentException("example " + i + " has puzzle identifier " + ids[b] + " but the model has "
                            + c.numPuzzleIdentifiers() + " (was it trained on this data set?)");
            }
            InferenceResult r = graph.run(in, ids);
            for (int b = 0; b < real; b++) {
                int[][] preds = new int[steps][];
                float[] q = new float[steps];
                for (int k = 0; k < steps; k++) {
                    preds[k] = java.util.Arrays.copyOfRange(r.predictions()[k], b * s, (b + 1) * s);
                    q[k] = r.qHalt()[k][b];
                }
                sink.accept(new ExampleResult(start + b, java.util.Arrays.copyOfRange(in, b * s, (b + 1) * s),
                        java.util.Arrays.copyOfRange(lab, b * s, (b + 1) * s), ids[b], preds, q));
                progress.step();
            }
        }
    }

    public int batch() { return batch; }

    @Override public void close() { graph.close(); }
}
