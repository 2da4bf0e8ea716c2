package org.trm4j.runtime;

import org.trm4j.api.Device;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;

import java.lang.reflect.Method;

/**
 * What the task-graph executor needs from a device. Buffers are keyed by the host array object
 * and stay resident until {@link #release} (or the device is closed), so data stays on the device
 * between tasks and executions.
 */
public interface DeviceRuntime extends Device, AutoCloseable {

    /** Prepares a kernel method for this device (JIT for accelerators). The executor caches the result per (method, device, options). */
    CompiledKernel compile(Method kernel, CompileOptions options);

    /** {@link #compile(Method, CompileOptions)} with strict (Java-exact) maths. */
    default CompiledKernel compile(Method kernel) { return compile(kernel, CompileOptions.STRICT); }

    /** Allocates the device copy of {@code array} if it has none yet. */
    void allocate(NativeArray array);

    /** Copies host -> device; returns the time it took in nanoseconds. */
    long copyToDevice(NativeArray array);

    /** Copies device -> host; returns the time it took in nanoseconds. */
    long copyToHost(NativeArray array);

    /**
     * Runs a kernel to completion. {@code args} are the task's arguments as given by the program
     * (NativeArray, boxed scalars, KernelContext); {@code grid} is null when the runtime chooses.
     * Returns the kernel's execution time in nanoseconds (device events where the device has them).
     */
    long launch(CompiledKernel kernel, Object[] args, WorkerGrid grid);

    /** A kernel enqueued by {@link #enqueue}; its time is known once {@link #finish} has returned. */
    interface Launch {
        /** The kernel's execution time in nanoseconds (device events where the device has them). */
        long nanos();

        /** True when {@link #finish} found that this kernel failed (the first such one is the culprit). */
        default boolean failed() { return false; }
    }

    /**
     * Enqueues a kernel without waiting for it (in order after everything enqueued before, copies included), so
     * a graph's tasks run back to back on the device. A device without a queue runs it at once (the default).
     * Errors of the kernel itself may surface only at {@link #finish}, which names the task.
     */
    default Launch enqueue(CompiledKernel kernel, Object[] args, WorkerGrid grid) {
        long nanos = launch(kernel, args, grid);
        return () -> nanos;
    }

    /** Waits for every enqueued kernel; the first that failed is thrown, naming its task. Releases their events. */
    default void finish() {}

    /** Frees the device copy of {@code array}, if any. */
    void release(NativeArray array);

    /** True when kernels run on the host arrays themselves (the java backend): Java primitive arrays then need no mirror. */
    default boolean usesHostMemory() { return false; }

    /**
     * Frees every buffer and compiled kernel of this device, releasing everything even when one release fails
     * (the first failure is thrown). Starts with {@link #closing}. The device can be used again afterwards.
     */
    @Override void close();

    /**
     * What every device's close() does first: device copies newer than their host arrays are copied back, and
     * the device's buffer ledger and cached kernels are dropped, so later plans start from the host arrays and
     * compile afresh instead of finding released kernels.
     */
    static void closing(DeviceRuntime device) {
        try {
            ResidentArrays.deviceClosing(device);
        } finally {
            KernelCache.evict(device);
        }
    }
}
