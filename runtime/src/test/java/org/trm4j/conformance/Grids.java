package org.trm4j.conformance;

import org.trm4j.api.WorkerGrid;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.api.WorkerGrid2D;
import org.trm4j.api.WorkerGrid3D;

/** Short constructors for launch grids with explicit local sizes. */
final class Grids {
    private Grids() {}

    static WorkerGrid oneD(long global) { return new WorkerGrid1D(global); }

    static WorkerGrid oneD(long global, long local) {
        WorkerGrid g = new WorkerGrid1D(global);
        g.setLocalWork(local, 1, 1);
        return g;
    }

    static WorkerGrid twoD(long gx, long gy, long lx, long ly) {
        WorkerGrid g = new WorkerGrid2D(gx, gy);
        g.setLocalWork(lx, ly, 1);
        return g;
    }

    static WorkerGrid threeD(long gx, long gy, long gz, long lx, long ly, long lz) {
        WorkerGrid g = new WorkerGrid3D(gx, gy, gz);
        g.setLocalWork(lx, ly, lz);
        return g;
    }
}
