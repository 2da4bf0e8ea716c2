package org.trm4j.api;

/** A 1-D launch grid. */
public final class WorkerGrid1D extends WorkerGrid {
    public WorkerGrid1D(long x) { super(x); }
}
