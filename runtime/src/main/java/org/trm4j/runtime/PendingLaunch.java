package org.trm4j.runtime;

/**
 * A kernel a queue-based device enqueued and has not waited for: its name until {@link DeviceRuntime#finish}, then
 * its time, or the mark that it failed. Devices extend it with their handles (an OpenCL event, CUDA's two events).
 */
public abstract class PendingLaunch implements DeviceRuntime.Launch {
    /** The kernel as errors name it, e.g. "Linear.forward". */
    public final String task;
    private long nanos = -1;
    private boolean failed;

    protected PendingLaunch(String task) { this.task = task; }

    /** The wait for it succeeded: its time. */
    public void finished(long nanos) { this.nanos = nanos; }

    /** The wait for it failed (the first failed launch is the culprit); {@code nanos} is what is known of its time. */
    public void failed(long nanos) {
        this.nanos = nanos;
        this.failed = true;
    }

    @Override public long nanos() {
        if (nanos < 0) throw new IllegalStateException(task + " has not been waited for (finish() the device first)");
        return nanos;
    }

    @Override public boolean failed() { return failed; }
}
