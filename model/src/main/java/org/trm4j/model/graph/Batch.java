package org.trm4j.model.graph;

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
}
