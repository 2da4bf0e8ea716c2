package org.trm4j.cli;

import org.trm4j.api.*;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.List;

/**
 * `trm bench runtime`: the runtime's own costs per device, side by side in one run: the wall time of an
 * execute() that launches one tiny kernel, and host<->device copy bandwidth. Medians of repeated runs.
 */
@Command(name = "bench", description = "Measure runtime overheads on every device (launch latency, copy bandwidth).")
final class BenchCommand implements Runnable {
    @Option(names = "--launches", defaultValue = "2000", description = "Tiny-kernel executions per device (default ${DEFAULT-VALUE}).")
    int launches;
    @Option(names = "--copy-mib", defaultValue = "64", description = "Size of the copied array in MiB (default ${DEFAULT-VALUE}).")
    long copyMib;
    @Option(names = "--device", description = "Only these device ids (comma-separated).")
    String only;

    /** One element, one add: what is left of a launch is the runtime's and driver's overhead. */
    public static void tiny(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    /** Touches nothing, so a graph around it measures only copies. */
    public static void noop(FloatArray a) {
        for (@Parallel int i = 0; i < 0; i++) a.set(i, 0f);
    }

    @Override public void run() {
        if (launches < 10) throw new IllegalArgumentException("--launches must be >= 10, got " + launches);
        if (copyMib < 1) throw new IllegalArgumentException("--copy-mib must be >= 1, got " + copyMib);
        List<Device> devices = CliArgs.devices(only);
        long bytes = CliArgs.arrayBytes("--copy-mib " + copyMib, copyMib > 1L << 32 ? Long.MAX_VALUE : copyMib << 18, 4); // 2^18 floats per MiB
        CliArgs.requireMemory("--copy-mib " + copyMib, bytes, bytes, devices, f -> "at most --copy-mib " + Math.max(1, (long) (copyMib * f * 0.9)) + " fits");
        System.out.printf("%s, %d cores, %s%n", System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.version());
        System.out.printf("%-14s %16s %16s %14s %14s%n", "device", "execute() us", "kernel us", "to dev GB/s", "to host GB/s");
        for (Device d : devices) {
            double[] launch = launch(d);
            double[] copy = copy(d);
            System.out.printf("%-14s %16.1f %16.1f %14s %14s%n", d.id(), launch[0], launch[1], rate(copy[0]), rate(copy[1]));
        }
    }

    /** Median wall microseconds per execute() and median kernel microseconds. */
    private double[] launch(Device d) {
        FloatArray a = new FloatArray(1);
        TaskGraph g = new TaskGraph("b").task("tiny", BenchCommand::tiny, a);
        long[] wall = new long[launches], kernel = new long[launches];
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(d).withProfiler()) {
            for (int i = 0; i < 50; i++) plan.execute(); // JIT, driver caches, JVM warm-up
            for (int i = 0; i < launches; i++) {
                long t0 = System.nanoTime();
                ProfilerResult p = plan.execute().getProfilerResult();
                wall[i] = System.nanoTime() - t0;
                kernel[i] = p.kernelNanos("b.tiny");
            }
        }
        return new double[]{median(wall) / 1e3, median(kernel) / 1e3};
    }

    /** Median GB/s host->device and device->host for one array of --copy-mib. */
    private double[] copy(Device d) {
        FloatArray a = new FloatArray((int) (copyMib * (1L << 20) / 4));
        TaskGraph g = new TaskGraph("c")
                .transferToDevice(DataTransferMode.EVERY_EXECUTION, a)
                .task("noop", BenchCommand::noop, a)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, a);
        int reps = 15;
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
        return new double[]{gbps(bytes, median(in)), gbps(bytes, median(out))};
    }

    /** The java device shares the host's memory: there is no copy to rate. */
    private static String rate(double gbps) { return Double.isInfinite(gbps) ? "no copy" : String.format("%.2f", gbps); }

    private static double gbps(double bytes, long nanos) { return nanos == 0 ? Double.POSITIVE_INFINITY : bytes / nanos; }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
