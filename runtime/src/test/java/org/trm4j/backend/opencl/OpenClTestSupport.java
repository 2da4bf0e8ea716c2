package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Assumptions;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.jit.ir.Kernel;

import java.util.List;

/** The OpenCL devices of this machine for tests, and a one-call way to run hand-built IR on one. */
final class OpenClTestSupport {
    private static final OpenClBackend BACKEND = new OpenClBackend();

    private OpenClTestSupport() {}

    /** Every OpenCL device; the test is skipped (with the reason) on a machine without OpenCL. */
    static List<OpenClDevice> devices() {
        List<OpenClDevice> d = BACKEND.devices();
        Assumptions.assumeFalse(d.isEmpty(), () -> "no OpenCL device: " + BACKEND.unavailableReason());
        return d;
    }

    /** Compiles {@code k}, copies the arrays in, launches, copies every array back; returns the kernel time. */
    static long run(OpenClDevice device, Kernel k, WorkerGrid grid, Object... args) {
        OpenClKernel compiled = device.compile(null, k);
        for (Object a : args) if (a instanceof NativeArray arr) device.copyToDevice(arr);
        long nanos = device.launch(compiled, args, grid);
        for (Object a : args) if (a instanceof NativeArray arr) device.copyToHost(arr);
        for (Object a : args) if (a instanceof NativeArray arr) device.release(arr);
        return nanos;
    }

    static long run(OpenClDevice device, Kernel k, Object... args) { return run(device, k, null, args); }
}
