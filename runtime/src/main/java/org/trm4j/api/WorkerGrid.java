package org.trm4j.api;

import java.util.Arrays;

/** The launch geometry of one task: global and (optionally) local work sizes in 1 to 3 dimensions. */
public abstract sealed class WorkerGrid permits WorkerGrid1D, WorkerGrid2D, WorkerGrid3D {
    private final long[] global;
    private long[] local; // null: the runtime chooses

    protected WorkerGrid(long... global) {
        for (long g : global) if (g <= 0) throw new IllegalArgumentException("global work sizes must be > 0: " + Arrays.toString(global));
        this.global = global.clone();
    }

    public int dimensions() { return global.length; }

    public void setGlobalWork(long x, long y, long z) { set(global, x, y, z, "global"); }

    public void setLocalWork(long x, long y, long z) {
        long[] l = new long[global.length];
        set(l, x, y, z, "local");
        local = l;
    }

    /** Lets the runtime choose the work-group size again. */
    public void setLocalWorkToNull() { local = null; }

    public long[] getGlobalWork() { return global.clone(); }

    /** The local work sizes, or null when the runtime chooses. */
    public long[] getLocalWork() { return local == null ? null : local.clone(); }

    private void set(long[] dst, long x, long y, long z, String what) {
        long[] v = {x, y, z};
        for (int i = 0; i < 3; i++) {
            if (i < dst.length) {
                if (v[i] <= 0) throw new IllegalArgumentException(what + " work size " + i + " must be > 0, got " + v[i]);
                dst[i] = v[i];
            } else if (v[i] != 1) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " has " + dst.length + " dimension(s); " + what + " size " + i + " must be 1");
            }
        }
    }

    @Override public String toString() {
        return getClass().getSimpleName() + "(global=" + Arrays.toString(global) + ", local=" + (local == null ? "auto" : Arrays.toString(local)) + ")";
    }
}
