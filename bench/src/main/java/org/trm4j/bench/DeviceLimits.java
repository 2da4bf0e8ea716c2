package org.trm4j.bench;

import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.ProfilerResult;
import org.trm4j.api.TaskGraph;

/**
 * A device's limits, measured on it: launch overhead, host<->device copies, the sustained bandwidth of a copy
 * kernel and the float32 FMA rate of a probe kernel. These, not datasheet figures, make each row's roofline.
 *
 * @param device       the device id
 * @param executeUs    median wall microseconds of an execute() of a one-element kernel (runtime + driver overhead)
 * @param kernelUs     median device time of that kernel
 * @param toDeviceGbs  host->device copy GB/s (infinite for the JVM, which copies nothing)
 * @param toHostGbs    device->host copy GB/s
 * @param memoryGbs    bytes read + written per second by the copy kernel
 * @param fmaGflops    float32 GFLOP/s (2 per FMA) of the FMA probe kernel
 */
public record DeviceLimits(String device, double executeUs, double kernelUs, double toDeviceGbs, double toHostGbs,
                           double memoryGbs, double fmaGflops) {

    /** How much work one measurement does; {@link #QUICK} for CI, {@link #FULL} for the report. */
    public record Effort(int launches, long copyMib, int reps) {}

    public static final Effort QUICK = new Effort(100, 8, 5);
    public static final Effort FULL = new Effort(2000, 64, 15);

    /** Measures everything on {@code d}. */
    public static DeviceLimits measure(Device d, Effort e) {
        double[] launch = launch(d, e.launches());
        double[] copy = copy(d, e.copyMib(), e.reps());
        return new DeviceLimits(d.id(), launch[0], launch[1], copy[0], copy[1], memoryGbs(d, e.copyMib(), e.reps()), fmaGflops(d, e.reps()));
    }

    /** Median wall microseconds per execute() and median kernel microseconds of the one-element kernel. */
    static double[] launch(Device d, int launches) {
        FloatArray a = new FloatArray(1);
        TaskGraph g = new TaskGraph("b").task("tiny", ProbeKernels::tiny, a);
        long[] wall = new long[launches], kernel = new long[launches];
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(d).withProfiler()) {
            for (int i = 0; i < Math.min(50, launches); i++) plan.execute(); // JIT, driver caches, JVM warm-up
            for (int i = 0; i < launches; i++) {
                long t0 = System.nanoTime();
                ProfilerResult p = plan.execute().getProfilerResult();
                wall[i] = System.nanoTime() - t0;
                kernel[i] = p.kernelNanos("b.tiny");
            }
        }
        return new double[]{KernelClock.median(wall) / 1e3, KernelClock.median(kernel) / 1e3};
    }

    /** Median GB/s host->device and device->host for one array of {@code mib} MiB. */
    static double[] copy(Device d, long mib, int reps) {
        FloatArray a = new FloatArray((int) (mib * (1L << 20) / 4));
        TaskGraph g = new TaskGraph("c")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, a)
                .task("noop", ProbeKernels::noop, a)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        long[] in = new long[reps], out = new long[reps];
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(d)) {
            plan.execute();
            for (int i = 0; i < reps; i++) {
                ProfilerResult p = plan.execute().getProfilerResult();
                in[i] = p.copyInNanos();
                out[i] = p.copyOutNanos();
            }
        }
        double bytes = a.getNumBytes();
        return new double[]{gbps(bytes, KernelClock.median(in)), gbps(bytes, KernelClock.median(out))};
    }

    /** Bytes read plus written per second by the copy kernel on an array of {@code mib} MiB, data resident. */
    static double memoryGbs(Device d, long mib, int reps) {
        int n = (int) (mib * (1L << 20) / 4);
        FloatArray src = new FloatArray(n), dst = new FloatArray(n);
        long ns = KernelClock.medianNanos(d, g -> g.task("t", ProbeKernels::copy, src, dst, n), null, 2, reps);
        return gbps(2.0 * src.getNumBytes(), ns);
    }

    /**
     * GFLOP/s of the better of two FMA probes: the looped one (GPUs: few work-items, long chains) and the unrolled one
     * (CPU OpenCL: vectorised across work-items). Each is sized by a first short run to ~50 ms of kernel time, so a slow
     * device (the JVM) is not kept busy for minutes.
     */
    static double fmaGflops(Device d, int reps) {
        int timed = Math.min(reps, 5);
        int items = Math.max(1 << 14, d.computeUnits() * 2048);
        FloatArray out = new FloatArray(items);
        long ns = KernelClock.medianNanos(d, g -> g.task("t", ProbeKernels::fmaChains, out, 64), null, 1, 3);
        int iters = (int) Math.max(64, Math.min(1 << 20, 50e6 / Math.max(1, ns / 64.0)));
        ns = KernelClock.medianNanos(d, g -> g.task("t", ProbeKernels::fmaChains, out, iters), null, 1, timed);
        double looped = 2.0 * ProbeKernels.CHAINS * (double) iters * items / ns;

        int probe = 1 << 16;
        long small = KernelClock.medianNanos(d, g -> g.task("t", ProbeKernels::fmaBlock, new FloatArray(probe)), null, 1, 3);
        int n = (int) Math.max(probe, Math.min(1 << 25, probe * (50e6 / Math.max(1, small))));
        FloatArray block = new FloatArray(n);
        ns = KernelClock.medianNanos(d, g -> g.task("t", ProbeKernels::fmaBlock, block), null, 1, timed);
        double unrolled = 2.0 * ProbeKernels.CHAINS * ProbeKernels.ROUNDS * (double) n / ns;
        return Math.max(looped, unrolled);
    }

    /** GB/s; infinite when nothing was timed (the JVM shares the host's memory and copies nothing). */
    static double gbps(double bytes, long nanos) { return nanos == 0 ? Double.POSITIVE_INFINITY : bytes / nanos; }

    /** These limits with the peak FMA rate {@code gflops}. */
    public DeviceLimits withFma(double gflops) {
        return new DeviceLimits(device, executeUs, kernelUs, toDeviceGbs, toHostGbs, memoryGbs, gflops);
    }

    /** The rate a kernel of {@code flops} over {@code bytes} of minimal traffic can reach here: min(peak, intensity * bandwidth). */
    public double attainableGflops(double flops, double bytes) {
        return Math.min(fmaGflops, flops / bytes * memoryGbs);
    }
}
