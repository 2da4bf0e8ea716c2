package org.trm4j.train;

import org.trm4j.model.graph.Batch;

/** Where a trainer's batches come from; its position goes into checkpoints so a resumed run sees the same batches. */
public interface BatchSource {
    /** The next batch. */
    Batch next();

    /** The position (what {@link #seek} needs to continue from here). */
    long[] position();

    /** Continues from a saved {@link #position()}. */
    void seek(long[] position);

    /** The same batch every step (the reference oracle's `train`, and `trm train --batch-file`). */
    static BatchSource fixed(Batch b) {
        return new BatchSource() {
            @Override public Batch next() { return b; }
            @Override public long[] position() { return new long[0]; }
            @Override public void seek(long[] position) {}
        };
    }
}
