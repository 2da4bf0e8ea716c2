package org.trm4j.cli;

import org.trm4j.api.*;

import java.util.Random;

/** `trm devices --check`: runs two small kernels on every device and checks each against the java backend. */
final class DeviceCheck {
    private final int size;

    DeviceCheck(int size) { this.size = size; }

    void run() {
        Random rnd = new Random(42);
        float[] x0 = new float[size], y0 = new float[size];
        for (int i = 0; i < size; i++) { x0[i] = (float) rnd.nextGaussian(); y0[i] = (float) rnd.nextGaussian(); }

        Result reference = null;
        int failures = 0;
        for (Device d : Devices.list()) {
            Result r = runOn(d, x0, y0);
            if (reference == null) reference = r;
            double err = Math.max(maxRelError(reference.y, r.y), maxRelError(reference.partial, r.partial));
            boolean ok = err <= 1e-4;
            if (!ok) failures++;
            System.out.printf("%-14s axpySilu %9.3f ms   sumSquares %9.3f ms   jit %8.1f ms   max rel. error vs java %.2e  %s%n",
                    d.id(), r.axpyNanos / 1e6, r.sumNanos / 1e6, r.jitNanos / 1e6, err, ok ? "OK" : "MISMATCH");
        }
        if (failures > 0) throw new IllegalStateException(failures + " device(s) disagree with the java backend");
    }

    private record Result(float[] y, float[] partial, long axpyNanos, long sumNanos, long jitNanos) {}

    private Result runOn(Device device, float[] x0, float[] y0) {
        FloatArray x = FloatArray.fromArray(x0), y = FloatArray.fromArray(y0), partial = new FloatArray(size / 128);
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
            return new Result(y.toHeapArray(), partial.toHeapArray(), p.kernelNanos("demo.axpy"), p.kernelNanos("demo.sum"), p.jitNanos());
        }
    }

    private static double maxRelError(float[] expect, float[] got) {
        double worst = 0;
        for (int i = 0; i < expect.length; i++) {
            double e = Math.abs(expect[i] - got[i]) / Math.max(1e-6, Math.abs(expect[i]));
            if (Double.isNaN(e)) return Double.POSITIVE_INFINITY;
            worst = Math.max(worst, e);
        }
        return worst;
    }
}
