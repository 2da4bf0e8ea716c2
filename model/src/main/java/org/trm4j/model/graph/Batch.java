package org.trm4j.model.graph;

import org.trm4j.model.TrmConfig;

import java.util.Random;

/**
 * One incoming batch of B examples: inputs and labels [B, seqLen] row-major (labels may be
 * {@link org.trm4j.kernels.Losses#IGNORE} = -100), puzzle identifiers [B]. In a training step only the
 * slots that halted in the previous step take their row.
 */
public record Batch(int[] inputs, int[] labels, int[] puzzleIds) {
    public Batch {
        if (puzzleIds.length == 0 || inputs.length != labels.length || inputs.length % puzzleIds.length != 0)
            throw new IllegalArgumentException("inconsistent batch: " + inputs.length + " inputs, " + labels.length + " labels, "
                    + puzzleIds.length + " puzzle ids");
    }

    public int size() { return puzzleIds.length; }

    /** Random tokens and labels (never the pad token 0) and puzzle ids for {@code batch} examples of {@code c}: timing runs' input. */
    public static Batch random(TrmConfig c, int batch, Random rnd) {
        int n = batch * c.seqLen();
        int[] inputs = new int[n], labels = new int[n], ids = new int[batch];
        for (int i = 0; i < n; i++) {
            inputs[i] = 1 + rnd.nextInt(c.vocabSize() - 1);
            labels[i] = 1 + rnd.nextInt(c.vocabSize() - 1);
        }
        for (int b = 0; b < batch; b++) ids[b] = rnd.nextInt(Math.max(1, c.numPuzzleIdentifiers()));
        return new Batch(inputs, labels, ids);
    }
}
