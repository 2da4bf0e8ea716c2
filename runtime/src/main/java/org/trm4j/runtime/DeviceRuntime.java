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

    /** Prepares a kernel method for this device (JIT for accelerators). The executor caches the result per (method, device). */
    CompiledKernel compile(Method kernel);

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

    /** Frees the device copy of {@code array}, if any. */
    void release(NativeArray array);

    /** True when kernels run on the host arrays themselves (the java backend): Java primitive arrays then need no mirror. */
    default boolean usesHostMemory() { return false; }

    /** Frees every buffer and compiled kernel of this device. */
    @Override void close();
}
