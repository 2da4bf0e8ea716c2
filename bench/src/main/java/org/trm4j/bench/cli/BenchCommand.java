package org.trm4j.bench.cli;

import org.trm4j.api.Device;
import org.trm4j.api.DeviceType;
import org.trm4j.bench.CuBlas;
import org.trm4j.bench.DeviceLimits;
import org.trm4j.bench.HostLimits;
import org.trm4j.bench.LinearShapes;
import org.trm4j.bench.LinearSuite;
import org.trm4j.bench.OpenBlas;
import org.trm4j.bench.PyTorchReference;
import org.trm4j.bench.ResultsFile;
import org.trm4j.bench.RunInfo;
import org.trm4j.bench.StepSuite;
import org.trm4j.bench.SvgChart;
import org.trm4j.bench.Table;
import org.trm4j.cli.CliArgs;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * `trm bench`: the device limits, the linear kernels at TRM's shapes beside OpenBLAS, the training step and inference
 * beside the PyTorch reference, on every device in one run; prints the tables and writes RESULTS.md and results.svg
 * into --out. `--full` is the report's run, `--quick` a small one for CI.
 */
@Command(name = "bench", sortOptions = false,
        description = "Benchmark every device side by side: measured limits, linear kernels vs OpenBLAS, the training step and "
                + "inference vs the PyTorch reference. Prints tables; writes RESULTS.md and results.svg to --out.",
        footer = {"", "Examples:",
                "  trm bench                       device limits only",
                "  trm bench --full                the report in bench/RESULTS.md (see bench/README.md)",
                "  trm bench --quick --out /tmp/b  every part, tiny presets (CI)",
                "  trm bench --suite train,infer --batch 64,768 --device cuda:0 --no-pytorch"})
public final class BenchCommand implements Runnable {
    /** What a run measures; limits are measured whenever another part needs a roofline. */
    enum Part { limits, kernels, train, infer }

    @Option(names = "--full", description = "The report: every part on Sudoku-MLP (kernels also at the attention preset's shapes), batch 8, PyTorch beside.")
    boolean full;
    @Option(names = "--quick", description = "Every part on the tiny presets with few repetitions (well under a minute; for CI).")
    boolean quick;
    @Option(names = "--suite", split = ",", paramLabel = "PART", description = "Parts to run, comma-separated: limits, kernels, train, infer (default: limits; --full/--quick: all).")
    List<Part> suite;
    @Option(names = "--device", paramLabel = "IDS", description = "Only these device ids (comma-separated).")
    String only;
    @Option(names = "--out", paramLabel = "DIR", description = "Where RESULTS.md and results.svg go (default: bench/ of the checkout).")
    Path out;
    @Option(names = "--preset", paramLabel = "NAME", description = "Preset of the training step and inference (default sudoku-mlp; --quick: tiny-mlp).")
    String preset;
    @Option(names = "--kernel-presets", split = ",", paramLabel = "NAME", description = "Presets whose linear shapes are timed (default sudoku-mlp,sudoku-att; --quick: tiny-mlp).")
    List<String> kernelPresets;
    @Option(names = "--batch", split = ",", paramLabel = "B", description = "Batch sizes, comma-separated (default 8; --quick: 2).")
    List<Integer> batches;
    @Option(names = "--steps", paramLabel = "N", description = "Timed training steps / inference runs per device after a warm-up (default 2; --quick: 1).")
    Integer steps;
    @Option(names = "--infer-steps", paramLabel = "S", description = "Supervision steps per timed inference run (default 1, scaled to all of them; --quick: all).")
    Integer inferSteps;
    @Option(names = "--reps", paramLabel = "N", description = "Timed executes per kernel (default 3; --quick: 2).")
    Integer reps;
    @Option(names = "--pytorch", negatable = true, description = "Run the PyTorch reference beside the step and inference (default: on, off with --quick).")
    Boolean pytorch;
    @Option(names = "--launches", paramLabel = "N", defaultValue = "2000", description = "Tiny-kernel executions per device for the launch latency (default ${DEFAULT-VALUE}; --quick: 100).")
    int launches;
    @Option(names = "--copy-mib", paramLabel = "MIB", defaultValue = "64", description = "Size of the copied array in MiB (default ${DEFAULT-VALUE}; --quick: 8).")
    long copyMib;

    @Spec CommandSpec spec;

    /** Each device's roofline and the host CPU's, raised by the kernel suite where a row beats the probes. */
    private Map<String, DeviceLimits> roofs;
    private DeviceLimits host;

    @Override public void run() {
        Plan p = plan();
        long started = System.nanoTime();
        String loadAtStart = RunInfo.loadAverage();
        StringBuilder report = new StringBuilder();
        SvgChart chart = new SvgChart("trm bench: " + p.command);
        report.append("## `").append(p.command).append("`\n\n").append(RunInfo.describe(p.command, p.devices, loadAtStart)).append('\n');
        System.out.print(report);
        System.out.flush();

        Map<String, DeviceLimits> limits = new LinkedHashMap<>();
        Map<String, DeviceType> types = new LinkedHashMap<>();
        Table lt = new Table("Device limits (measured)",
                "`execute() us`: median wall time of an execute() of a one-element kernel (runtime and driver overhead); `kernel us`: its device time; "
                        + "copies: median of host<->device copies of " + p.effort.copyMib() + " MiB; memory GB/s: bytes read + written per second by a copy kernel; "
                        + "FMA GFLOP/s: a probe kernel of " + org.trm4j.bench.ProbeKernels.CHAINS + " independent float32 FMA chains per work-item. "
                        + "`host CPU`: the best FMA rate (probes and OpenBLAS's square sgemm) and copy kernel of the CPU devices: the roofline "
                        + "of every device on the host CPU, of OpenBLAS and of PyTorch.",
                "device", "execute() us", "kernel us", "to device GB/s", "to host GB/s", "memory GB/s", "FMA GFLOP/s");
        for (Device d : p.devices) {
            System.err.println("limits of " + d.id());
            DeviceLimits l = DeviceLimits.measure(d, p.effort);
            limits.put(d.id(), l);
            types.put(d.id(), d.type());
            lt.row(d.id(), Table.num(l.executeUs()), Table.num(l.kernelUs()), Table.num(l.toDeviceGbs()), Table.num(l.toHostGbs()),
                    Table.num(l.memoryGbs()), Table.num(l.fmaGflops()));
        }
        Optional<OpenBlas> blas = OpenBlas.load();
        int square = quick ? 1024 : 2048;
        double blasPeak = blas.map(b -> b.squareGflops(square, 3)).orElse(Double.NaN);
        if (blas.isPresent()) lt.row("OpenBLAS sgemm " + square + "^3", "-", "-", "-", "-", "-", Table.num(blasPeak));
        host = HostLimits.of(List.copyOf(limits.values()), types, blasPeak);
        lt.row(host.device(), "-", "-", "-", "-", Table.num(host.memoryGbs()), Table.num(host.fmaGflops()));
        chart.panel("peak FMA (probe kernel)", "GFLOP/s");
        for (DeviceLimits l : limits.values()) chart.bar(l.device(), l.fmaGflops(), l.device());
        emit(report, lt);
        roofs = new LinkedHashMap<>();
        for (Device d : p.devices) roofs.put(d.id(), HostLimits.onHost(d.type()) ? host : limits.get(d.id()));

        if (p.parts.contains(Part.kernels)) {
            // cuBLAS beside the cuda devices, where a CUDA toolkit is installed.
            String[] why = {null};
            Optional<CuBlas> cublas = p.devices.stream().anyMatch(d -> d.backend().equals("cuda")) ? CuBlas.load(why) : Optional.empty();
            try {
                LinearSuite linear = new LinearSuite(p.devices, roofs, host, blas, cublas, why[0], p.reps);
                emit(report, linear.run(p.kernelPresets, p.batches, chart));
                roofs = linear.roofs();
                host = linear.host();
            } finally {
                cublas.ifPresent(CuBlas::close);
            }
        }
        if (p.parts.contains(Part.train) || p.parts.contains(Part.infer)) {
            TrmConfig c = LinearShapes.preset(p.preset);
            StepSuite steps = new StepSuite(roofs, host);
            for (int batch : p.batches) {
                PyTorchReference torch = null;
                if (p.pytorch) {
                    System.err.printf("PyTorch reference %s batch %d%n", p.preset, batch);
                    torch = PyTorchReference.run(p.oracle.orElseThrow(), p.preset, batch, p.steps, Runtime.getRuntime().availableProcessors());
                }
                if (p.parts.contains(Part.train)) emit(report, steps.train(c, batch, p.steps, p.devices, torch, chart));
                if (p.parts.contains(Part.infer)) emit(report, steps.infer(c, batch, p.inferSteps, p.steps, p.devices, torch, chart));
                if (torch != null) report.append("PyTorch: ").append(torch.versionLine()).append("\n\n");
            }
        }
        String end = String.format(java.util.Locale.ROOT, "Run time %.1f min; load average %s at the end.%n", (System.nanoTime() - started) / 6e10, RunInfo.loadAverage());
        report.append(end);
        System.out.print(end);
        try {
            ResultsFile.write(p.out, report.toString(), chart.isEmpty() ? null : chart.svg());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p.out.resolve(ResultsFile.MARKDOWN) + ": " + e.getMessage(), e);
        }
        System.out.println("wrote " + p.out.resolve(ResultsFile.MARKDOWN) + (chart.isEmpty() ? "" : " and " + p.out.resolve(ResultsFile.SVG)));
    }

    private static void emit(StringBuilder report, Table t) {
        if (t.isEmpty()) return;
        String md = t.markdown();
        report.append(md).append('\n');
        System.out.println(md);
        System.out.flush();
    }

    /** Everything a run needs, checked before anything is measured or printed. */
    private record Plan(String command, List<Device> devices, Set<Part> parts, DeviceLimits.Effort effort, List<String> kernelPresets,
                        String preset, List<Integer> batches, int steps, int inferSteps, int reps, boolean pytorch,
                        Optional<java.nio.file.Path> oracle, Path out) {}

    private Plan plan() {
        if (full && quick) throw new IllegalArgumentException("--full and --quick exclude each other");
        boolean all = full || quick;
        Set<Part> parts = suite != null ? EnumSet.copyOf(suite) : all ? EnumSet.allOf(Part.class) : EnumSet.of(Part.limits);
        if (launches < 10) throw new IllegalArgumentException("--launches must be >= 10, got " + launches);
        if (copyMib < 1) throw new IllegalArgumentException("--copy-mib must be >= 1, got " + copyMib);
        boolean launchesGiven = spec.commandLine().getParseResult().hasMatchedOption("--launches");
        boolean copyGiven = spec.commandLine().getParseResult().hasMatchedOption("--copy-mib");
        DeviceLimits.Effort effort = new DeviceLimits.Effort(quick && !launchesGiven ? DeviceLimits.QUICK.launches() : launches,
                quick && !copyGiven ? DeviceLimits.QUICK.copyMib() : copyMib, quick ? DeviceLimits.QUICK.reps() : DeviceLimits.FULL.reps());
        List<Device> devices = CliArgs.devices(only);
        long mib = effort.copyMib();
        long bytes = CliArgs.arrayBytes("--copy-mib " + mib, mib > 1L << 32 ? Long.MAX_VALUE : mib << 18, 4); // 2^18 floats per MiB
        CliArgs.requireMemory("--copy-mib " + mib, 2 * bytes, 2 * bytes, devices, f -> "at most --copy-mib " + Math.max(1, (long) (mib * f * 0.9)) + " fits");

        String trainPreset = preset != null ? preset : quick ? "tiny-mlp" : "sudoku-mlp";
        List<String> kPresets = kernelPresets != null ? kernelPresets : quick ? List.of("tiny-mlp") : List.of("sudoku-mlp", "sudoku-att");
        TrmConfig c = LinearShapes.preset(trainPreset); // unknown names are refused here, with the known ones listed
        for (String k : kPresets) LinearShapes.preset(k);
        List<Integer> bs = batches != null ? batches : List.of(quick ? 2 : 8);
        for (int b : bs) if (b < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + b);
        int st = positive("--steps", steps, quick ? 1 : 2);
        int is = positive("--infer-steps", inferSteps, quick ? c.haltMaxSteps() : 1);
        if (is > c.haltMaxSteps()) throw new IllegalArgumentException("--infer-steps must be at most " + c.haltMaxSteps() + " (" + trainPreset + "'s halt_max_steps), got " + is);
        int rp = positive("--reps", reps, quick ? 2 : 3);
        if (parts.contains(Part.kernels))
            for (String k : kPresets) for (int b : bs) for (LinearShapes.Shape s : LinearShapes.of(LinearShapes.preset(k), b)) {
                String what = "--batch " + b + " (" + k + " " + s.layer() + " " + s.dims() + ")";
                long n = 2 * (CliArgs.arrayBytes(what, (long) s.rows() * s.in(), 4) + CliArgs.arrayBytes(what, (long) s.out() * s.in(), 4)
                        + CliArgs.arrayBytes(what, (long) s.rows() * s.out(), 4));
                CliArgs.requireMemory(what, n, n, devices, f -> "try a batch " + (int) Math.ceil(1 / f) + "-fold smaller");
            }
        if (parts.contains(Part.train) || parts.contains(Part.infer)) {
            TrainingStepGraph.Footprint f = TrainingStepGraph.footprint(c, TrainingHyper.timing(bs.getFirst()));
            for (int b : bs)
                CliArgs.requireMemory("--batch " + b + " of " + trainPreset, f.bytes(b), f.bytes(b), devices,
                        x -> "at most --batch " + Math.max(1, f.maxBatch((long) (f.bytes(b) * x))) + " fits");
        }
        boolean torch = (parts.contains(Part.train) || parts.contains(Part.infer)) && (pytorch != null ? pytorch : !quick);
        Optional<Path> oracle = torch ? PyTorchReference.oracle() : Optional.empty();
        if (torch && oracle.isEmpty())
            throw new IllegalArgumentException("the PyTorch reference (shared/tools/ref-oracle/oracle.py) was not found; set TRM_REF_ORACLE or give --no-pytorch");
        Path dir = out != null ? out : defaultOut();
        return new Plan(commandLine(), devices, parts, effort, kPresets, trainPreset, bs, st, is, rp, torch, oracle, dir);
    }

    private static int positive(String option, Integer given, int otherwise) {
        if (given == null) return otherwise;
        if (given < 1) throw new IllegalArgumentException(option + " must be >= 1, got " + given);
        return given;
    }

    /** bench/ of the checkout the launcher runs from (TRM4J_HOME), else ./bench. */
    private static Path defaultOut() {
        String home = System.getenv("TRM4J_HOME");
        return (home == null ? Path.of("") : Path.of(home)).resolve("bench").toAbsolutePath();
    }

    private String commandLine() {
        List<String> args = new ArrayList<>(List.of("trm", "bench"));
        List<String> all = spec.commandLine().getParseResult().originalArgs();
        args.addAll(all.subList(all.indexOf("bench") + 1, all.size()));
        int o = args.indexOf("--out");
        if (o >= 0 && o + 1 < args.size()) { args.remove(o + 1); args.remove(o); } // where the file went is not part of the result
        args.removeIf(a -> a.startsWith("--out="));
        return String.join(" ", args);
    }
}
