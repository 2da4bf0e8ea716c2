package org.trm4j.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Times of one {@link ExecutionPlan#execute()}: per-task kernel time (device events where the device
 * has them), host<->device copy times and counts, and JIT time spent compiling kernels during this execution.
 */
public final class ProfilerResult {
    private final Map<String, Long> kernelNanos = new LinkedHashMap<>();
    private long copyInNanos, copyOutNanos, jitNanos, totalNanos;
    private int copiesIn, copiesOut;
    private long bytesIn, bytesOut;

    /** Kernel time of each task, by "graph.task", in execution order. */
    public Map<String, Long> taskKernelNanos() { return Collections.unmodifiableMap(kernelNanos); }

    public long kernelNanos(String graphDotTask) {
        Long n = kernelNanos.get(graphDotTask);
        if (n == null) throw new IllegalArgumentException("no task " + graphDotTask + " in this result; tasks: " + kernelNanos.keySet());
        return n;
    }

    public long totalKernelNanos() { return kernelNanos.values().stream().mapToLong(Long::longValue).sum(); }
    public long copyInNanos() { return copyInNanos; }
    public long copyOutNanos() { return copyOutNanos; }
    public long jitNanos() { return jitNanos; }
    public long totalNanos() { return totalNanos; }
    /** Number of host->device copies. */
    public int copiesIn() { return copiesIn; }
    /** Number of device->host copies. */
    public int copiesOut() { return copiesOut; }
    public long bytesIn() { return bytesIn; }
    public long bytesOut() { return bytesOut; }

    // Recording, used by the executor.
    public void addKernel(String task, long nanos) { kernelNanos.merge(task, nanos, Long::sum); }
    public void addCopyIn(long nanos, long bytes) { copyInNanos += nanos; copiesIn++; bytesIn += bytes; }
    public void addCopyOut(long nanos, long bytes) { copyOutNanos += nanos; copiesOut++; bytesOut += bytes; }
    public void addJit(long nanos) { jitNanos += nanos; }
    public void setTotal(long nanos) { totalNanos = nanos; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        kernelNanos.forEach((k, v) -> sb.append(String.format("  kernel %-30s %12.3f ms%n", k, v / 1e6)));
        sb.append(String.format("  copy in  %3d x %12.3f ms (%d bytes)%n", copiesIn, copyInNanos / 1e6, bytesIn));
        sb.append(String.format("  copy out %3d x %12.3f ms (%d bytes)%n", copiesOut, copyOutNanos / 1e6, bytesOut));
        sb.append(String.format("  jit          %12.3f ms%n", jitNanos / 1e6));
        sb.append(String.format("  total        %12.3f ms%n", totalNanos / 1e6));
        return sb.toString();
    }
}
