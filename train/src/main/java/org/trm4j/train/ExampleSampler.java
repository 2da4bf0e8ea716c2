package org.trm4j.train;

import java.util.SplittableRandom;

import org.trm4j.model.graph.Batch;
import org.trm4j.train.data.Examples;

/**
 * Batches of a training set: every epoch a fresh random order of all examples (seeded by the run's seed and the
 * epoch number), read in that order; a batch that crosses the end of an epoch continues in the next. The position
 * is (epoch, index in the epoch), so a checkpoint needs no RNG state for the data.
 *
 * <p>The reference samples differently (per epoch one random augmented copy per original puzzle, in groups); over
 * many epochs both show every example equally often.
 */
public final class ExampleSampler implements BatchSource {
    private final Examples examples;
    private final int batch, seqLen;
    private final long seed;
    private long epoch;
    private int cursor;
    private int[] order;

    public ExampleSampler(Examples examples, int batch, long seed) {
        if (examples.size() < 1) throw new IllegalArgumentException("the training set has no examples");
        this.examples = examples;
        this.batch = batch;
        this.seqLen = examples.meta().seqLen();
        this.seed = seed;
        this.order = orderOf(0);
    }

    @Override public Batch next() {
        int[] in = new int[batch * seqLen], lab = new int[batch * seqLen], ids = new int[batch];
        for (int b = 0; b < batch; b++) {
            if (cursor == order.length) {
                epoch++;
                cursor = 0;
                order = orderOf(epoch);
            }
            int i = order[cursor++];
            examples.inputs(i, in, b * seqLen);
            examples.labels(i, lab, b * seqLen);
            ids[b] = examples.puzzleId(i);
        }
        return new Batch(in, lab, ids);
    }

    /** Epochs begun so far (0-based) and the index inside the current one. */
    @Override public long[] position() { return new long[] {epoch, cursor}; }

    @Override public void seek(long[] position) {
        if (position.length != 2 || position[0] < 0 || position[1] < 0 || position[1] > examples.size())
            throw new IllegalArgumentException("data position " + java.util.Arrays.toString(position) + " does not fit a set of " + examples.size() + " examples");
        epoch = position[0];
        cursor = (int) position[1];
        order = orderOf(epoch);
    }

    /** Examples seen per epoch. */
    public int epochSize() { return order.length; }

    private int[] orderOf(long e) {
        int n = examples.size();
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + e);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = o[i]; o[i] = o[j]; o[j] = t;
        }
        return o;
    }
}
