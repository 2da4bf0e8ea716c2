package uk.ac.manchester.tornado.api;

/** A 2-dimensional {@link WorkerGrid}. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public final class WorkerGrid2D implements WorkerGrid {
    private final org.trm4j.api.WorkerGrid2D grid;

    public WorkerGrid2D(long x, long y) { grid = new org.trm4j.api.WorkerGrid2D(x, y); }

    @Override public void setGlobalWork(long x, long y, long z) { grid.setGlobalWork(x, y, z); }

    @Override public void setLocalWork(long x, long y, long z) { grid.setLocalWork(x, y, z); }

    @Override public void setLocalWorkToNull() { grid.setLocalWorkToNull(); }

    @Override public long[] getGlobalWork() { return grid.getGlobalWork(); }

    @Override public long[] getLocalWork() { return grid.getLocalWork(); }

    @Override public int dimension() { return 2; }

    @Override public org.trm4j.api.WorkerGrid trm4jGrid() { return grid; }

    @Override public String toString() { return grid.toString(); }
}
