package org.trm4j.api;

/** A 3-D launch grid. */
public final class WorkerGrid3D extends WorkerGrid {
    public WorkerGrid3D(long x, long y, long z) { super(x, y, z); }
}
