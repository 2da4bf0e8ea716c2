package org.trm4j.api;

/** What one {@link ExecutionPlan#execute()} returns: its profile, and on-demand copies back to the host. */
public final class ExecutionResult {
    private final ExecutionPlan plan;
    private final ProfilerResult profile;

    ExecutionResult(ExecutionPlan plan, ProfilerResult profile) {
        this.plan = plan;
        this.profile = profile;
    }

    /** Always available; kernel times come from device events when the plan was made withProfiler(). */
    public ProfilerResult getProfilerResult() { return profile; }

    /** Copies arrays declared UNDER_DEMAND (or any array the plan uses) back to the host now. */
    public ExecutionResult transferToHost(Object... arrays) {
        for (Object o : arrays) {
            NativeArray a = o instanceof NativeArray n ? n : org.trm4j.runtime.HeapArrays.mirror(o);
            if (a == null)
                throw new IllegalArgumentException("transferToHost: not a FloatArray/IntArray/DoubleArray/LongArray/ByteArray or primitive array: " + o);
            plan.copyBack(a, profile);
        }
        return this;
    }

    public boolean isReady() { return true; }
}
