package org.trm4j.kernels.cli;

import org.trm4j.api.Device;
import org.trm4j.cli.CliArgs;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid;
import org.trm4j.api.DeviceType;
import org.trm4j.kernels.LinearVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * `trm linear-bench`: GFLOP/s of every linear kernel ({@link LinearVariant}: forward*, backwardInput*,
 * backwardWeight*; @Parallel ones in the "plain" column, tiled KernelContext ones in the "tiled" column) on each
 * device, side by side in one run: the candidates {@link org.trm4j.kernels.LinearTuner} chooses from. Each figure is
 * 2 * rows * in * out flops over the median kernel time (the profiler's, not the wall time) of repeated
 * executes of a one-task graph; the data stay on the device between executes. The *Panel forward kernels read
 * the weight transposed (made once on the host here; once per weight and step in the step graph).
 */
@Command(name = "linear-bench", mixinStandardHelpOptions = true,
        description = "GFLOP/s of every linear kernel variant on every device (or --device), side by side.")
final class LinearBenchCommand implements Runnable {
    @Option(names = "--shapes", split = ",", defaultValue = "776x512x1536,776x1536x512,97x512x3072,97x1536x512",
            description = "rows x in x out, comma-separated (default ${DEFAULT-VALUE}: Sudoku-MLP's channel MLP at batch 8 and 1).")
    List<String> shapes;
    @Option(names = "--reps", defaultValue = "7", description = "Timed executes per kernel after 2 warm-ups (default ${DEFAULT-VALUE}).")
    int reps;
    @Option(names = "--device", description = "Only these device ids (comma-separated).")
    String only;
    @Option(names = "--java-tiled", description = "Also time the tiled kernels on java (one virtual thread per work-item: slow).")
    boolean javaTiled;

    @Override public void run() {
        if (reps < 1) throw new IllegalArgumentException("--reps must be >= 1, got " + reps);
        List<Device> devices = CliArgs.devices(only);
        List<int[]> dims = new ArrayList<>();
        for (String shape : shapes) {
            int[] d = CliArgs.shape("--shapes", shape, "rows", "in", "out");
            int rows = d[0], in = d[1], out = d[2];
            String what = "--shapes " + shape.trim();
            long bytes = 2 * (CliArgs.arrayBytes(what, (long) rows * in, 4) + CliArgs.arrayBytes(what, (long) out * in, 4)
                    + CliArgs.arrayBytes(what, (long) rows * out, 4)); // x, w, dy and y, dx, dw
            CliArgs.requireMemory(what, bytes, bytes, devices, f -> "shrink it " + (int) Math.ceil(1 / f) + "-fold or more");
            dims.add(d);
        }
        System.out.printf("%s, %d cores, %s; median of %d executes, kernel time%n",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), Runtime.version(), reps);
        System.out.printf("%-16s %-14s %-24s %14s %14s%n", "shape", "device", "kernel", "plain GFLOP/s", "tiled GFLOP/s");
        for (int[] dim : dims) {
            int rows = dim[0], in = dim[1], out = dim[2];
            String shape = rows + "x" + in + "x" + out;
            Random rnd = new Random(1);
            FloatArray x = random(rnd, rows * in), w = random(rnd, out * in), dy = random(rnd, rows * out);
            FloatArray wT = new FloatArray(out * in);
            for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) wT.set(i * out + o, w.get(o * in + i));
            FloatArray y = new FloatArray(rows * out), dx = new FloatArray(rows * in), dw = new FloatArray(out * in);
            double flops = 2.0 * rows * in * out;
            for (Device d : devices) {
                for (LinearVariant.Op op : LinearVariant.Op.values()) {
                    for (LinearVariant v : LinearVariant.all(op)) {
                        if (v.usesKernelContext() && !javaTiled && d.type() == DeviceType.JVM) {
                            row(shape, d, v.name(), flops, -1, -1);
                            continue;
                        }
                        FloatArray a = op == LinearVariant.Op.FORWARD ? x : dy;
                        FloatArray b = op == LinearVariant.Op.BACKWARD_WEIGHT ? x : v.transposedWeight() ? wT : w;
                        FloatArray c = switch (op) { case FORWARD -> y; case BACKWARD_INPUT -> dx; case BACKWARD_WEIGHT -> dw; };
                        long ns = time(d, g -> v.add(g, "t", a, b, c, rows, in, out, false), v.grid(rows, in, out));
                        row(shape, d, v.name(), flops, v.usesKernelContext() ? -1 : ns, v.usesKernelContext() ? ns : -1);
                    }
                }
            }
        }
    }

    private static void row(String shape, Device d, String kernel, double flops, long plainNs, long tiledNs) {
        System.out.printf("%-16s %-14s %-24s %14s %14s%n", shape, d.id(), kernel, gflops(flops, plainNs), gflops(flops, tiledNs));
    }

    private static String gflops(double flops, long ns) { return ns < 0 ? "-" : String.format("%.1f", flops / ns); }

    /** Median kernel nanoseconds of --reps executes (after 2 warm-ups) of a graph "b" with the one task "t". */
    private long time(Device d, java.util.function.Consumer<TaskGraph> addTask, WorkerGrid grid) {
        TaskGraph g = new TaskGraph("b");
        addTask.accept(g);
        long[] ns = new long[reps];
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot()).withDevice(d).withProfiler()) {
            if (grid != null) plan.withGridScheduler(new GridScheduler("b.t", grid));
            for (int i = 0; i < 2; i++) plan.execute();
            for (int i = 0; i < reps; i++) ns[i] = plan.execute().getProfilerResult().kernelNanos("b.t");
        }
        Arrays.sort(ns);
        return ns[ns.length / 2];
    }

    private static FloatArray random(Random rnd, int n) {
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, (float) rnd.nextGaussian());
        return a;
    }
}
