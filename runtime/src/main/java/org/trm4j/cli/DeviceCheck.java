package org.trm4j.cli;

import org.trm4j.api.*;

import java.util.Random;

/** `trm devices --check`: runs two small kernels on every device and checks each against the java backend. */
final class DeviceCheck {
    private final int size;

    DeviceCheck(int size) { this.size = size; }

    void run() {
        Random rnd = new Random(42);
        FloatArray x = new FloatArray(size), y0 = new FloatArray(size);
        for (int i = 0; i < size; i++) { x.set(i, (float) rnd.nextGaussian()); y0.set(i, (float) rnd.nextGaussian()); }

        FloatArray refY = null, refPartial = null;
        int failures = 0;
        System.out.printf("%-14s %14s %16s %12s %22s%n", "device", "axpySilu ms", "sumSquares ms", "jit ms", "max rel. error vs java");
        for (Device d : Devices.list()) {
            FloatArray y = new FloatArray(size), partial = new FloatArray(size / 128);
            y.getSegment().copyFrom(y0.getSegment());
            long[] nanos = runOn(d, x, y, partial);
            if (refY == null) { refY = y; refPartial = partial; }
            double err = Math.max(maxRelError(refY, y), maxRelError(refPartial, partial));
            boolean ok = err <= 1e-4;
            if (!ok) failures++;
            System.out.printf("%-14s %14.3f %16.3f %12.1f %17.2e  %s%n", d.id(), nanos[0] / 1e6, nanos[1] / 1e6, nanos[2] / 1e6, err, ok ? "OK" : "MISMATCH");
        }
        if (failures > 0) throw new IllegalStateException(failures + " device(s) disagree with the java backend");
    }

    /** Kernel nanoseconds of both tasks and the JIT time. */
    private long[] runOn(Device device, FloatArray x, FloatArray y, FloatArray partial) {
        TaskGraph g = new TaskGraph("demo")
                .transferToDevice(DataTransferMode.FIRST_EXECUTION, x, y)
                .task("axpy", DemoKernels::axpySilu, 0.5f, x, y)
                .task("sum", DemoKernels::sumSquares, new KernelContext(), y, partial)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, y, partial);
        WorkerGrid1D grid = new WorkerGrid1D(size);
        grid.setLocalWork(128, 1, 1);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(device).withProfiler()
                .withGridScheduler(new GridScheduler("demo.sum", grid))) {
            ProfilerResult p = plan.execute().getProfilerResult();
            return new long[]{p.kernelNanos("demo.axpy"), p.kernelNanos("demo.sum"), p.jitNanos()};
        }
    }

    private static double maxRelError(FloatArray expect, FloatArray got) {
        double worst = 0;
        for (int i = 0; i < expect.getSize(); i++) {
            double e = Math.abs(expect.get(i) - got.get(i)) / Math.max(1e-6, Math.abs(expect.get(i)));
            if (Double.isNaN(e)) return Double.POSITIVE_INFINITY;
            worst = Math.max(worst, e);
        }
        return worst;
    }
}
