package uk.ac.manchester.tornado.api;

/** The global and local work sizes of one task's launch. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public interface WorkerGrid {
    void setGlobalWork(long x, long y, long z);

    void setLocalWork(long x, long y, long z);

    /** Lets the driver choose the work-group size. */
    void setLocalWorkToNull();

    long[] getGlobalWork();

    /** The local sizes, or null when the driver chooses. */
    long[] getLocalWork();

    int dimension();

    /** trm4j's grid with the same sizes. */
    org.trm4j.api.WorkerGrid trm4jGrid();
}
