package org.trm4j.bench;

import org.trm4j.api.Device;
import org.trm4j.api.FloatArray;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid;
import org.trm4j.kernels.LinearTuner;
import org.trm4j.kernels.LinearVariant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The linear kernels at TRM's shapes on every device, and OpenBLAS's sgemm on the same data, side by side. For each
 * (shape, pass, device) the kernel is the one the step graph uses there: {@link LinearTuner}'s choice (every variant
 * timed once per machine and shape, then cached; below its size threshold, its fallback), reported with its name.
 */
public final class LinearSuite {
    /** A pass of a linear layer: what is computed, and each kernel that computes it. */
    public enum Pass { forward, backwardInput, backwardWeight }

    /** One kernel computing a pass: its name (as in linear-bench and the tuning cache), the task and its grid (or null). */
    public record Variant(String name, Consumer<TaskGraph> task, WorkerGrid grid) {}

    /** The kernels module's name of a pass. */
    public static LinearVariant.Op op(Pass p) {
        return switch (p) {
            case forward -> LinearVariant.Op.FORWARD;
            case backwardInput -> LinearVariant.Op.BACKWARD_INPUT;
            case backwardWeight -> LinearVariant.Op.BACKWARD_WEIGHT;
        };
    }

    /** The arrays of one linear layer's passes: inputs random, outputs zero. */
    public record Arrays(FloatArray x, FloatArray w, FloatArray wT, FloatArray y, FloatArray dy, FloatArray dx, FloatArray dw, int rows, int in, int out) {
        public static Arrays random(LinearShapes.Shape s, long seed) {
            Random rnd = new Random(seed);
            int rows = s.rows(), in = s.in(), out = s.out();
            FloatArray w = LinearSuite.random(rnd, out * in), wT = new FloatArray(in * out);
            for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) wT.set(i * out + o, w.get(o * in + i));
            return new Arrays(LinearSuite.random(rnd, rows * in), w, wT, new FloatArray(rows * out),
                    LinearSuite.random(rnd, rows * out), new FloatArray(rows * in), new FloatArray(out * in), rows, in, out);
        }

        /** The kernel the step graph uses for {@code p} at this shape on {@code d} ({@link LinearTuner}'s choice). */
        public Variant chosen(Pass p, Device d) {
            return of(LinearTuner.of(d).choose(op(p), rows, in, out));
        }

        /** {@code v} as a task on these arrays. */
        public Variant of(LinearVariant v) {
            FloatArray a, b, c;
            switch (v.op()) {
                case FORWARD -> { a = x; b = v.transposedWeight() ? wT : w; c = y; }
                case BACKWARD_INPUT -> { a = dy; b = w; c = dx; }
                default -> { a = dy; b = x; c = dw; }
            }
            return new Variant(v.name(), g -> v.add(g, "t", a, b, c, rows, in, out, false), v.grid(rows, in, out));
        }

        /** The array an operand of a {@link ColumnMajorGemm} call names. */
        public java.lang.foreign.MemorySegment segment(ColumnMajorGemm.Operand o) {
            return switch (o) {
                case X -> x.getSegment();
                case W -> w.getSegment();
                case Y -> y.getSegment();
                case DY -> dy.getSegment();
                case DX -> dx.getSegment();
                case DW -> dw.getSegment();
            };
        }

        /** OpenBLAS doing {@code p} on these arrays. */
        public Runnable blas(OpenBlas b, Pass p) {
            return switch (p) {
                case forward -> () -> b.forward(x.getSegment(), w.getSegment(), y.getSegment(), rows, in, out);
                case backwardInput -> () -> b.backwardInput(dy.getSegment(), w.getSegment(), dx.getSegment(), rows, in, out);
                case backwardWeight -> () -> b.backwardWeight(dy.getSegment(), x.getSegment(), dw.getSegment(), rows, in, out);
            };
        }
    }

    private final List<Device> devices;
    private final Map<String, DeviceLimits> roofs;
    private DeviceLimits host;
    private final Optional<OpenBlas> blas;
    private final Optional<CuBlas> cublas;
    private final String noCublas;
    private final int reps;

    /** {@code roofs}: each device's limits (its roofline); {@code host}: OpenBLAS's. */
    public LinearSuite(List<Device> devices, Map<String, DeviceLimits> roofs, DeviceLimits host, Optional<OpenBlas> blas, int reps) {
        this(devices, roofs, host, blas, Optional.empty(), null, reps);
    }

    /** With cuBLAS beside the cuda devices; {@code noCublas}, when not null, says why it is missing. */
    public LinearSuite(List<Device> devices, Map<String, DeviceLimits> roofs, DeviceLimits host, Optional<OpenBlas> blas,
                       Optional<CuBlas> cublas, String noCublas, int reps) {
        this.cublas = cublas;
        this.noCublas = noCublas;
        this.devices = devices;
        this.roofs = new LinkedHashMap<>(roofs);
        this.host = host;
        this.blas = blas;
        this.reps = reps;
    }

    /** Times every shape of {@code presets} at every batch; one table row per (shape, pass), one column per device. */
    public Table run(List<String> presets, List<Integer> batches, SvgChart chart) {
        List<Measured> measured = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (String preset : presets) {
            for (int batch : batches) {
                for (LinearShapes.Shape s : LinearShapes.of(LinearShapes.preset(preset), batch)) {
                    if (seen.put(s.dims(), true) != null) continue; // the channel MLP is the same in every preset
                    chart.panel(preset + " b" + batch + " " + s.layer() + " " + s.dims(), "GFLOP/s");
                    for (Pass p : Pass.values()) measured.add(measure(chart, preset + ", " + batch, s, p));
                }
            }
        }
        raiseRoofs(measured);
        List<String> header = new ArrayList<>(List.of("preset, batch", "layer", "rows x in x out", "pass"));
        for (Device d : devices) header.add(d.id());
        if (blas.isPresent()) header.add("OpenBLAS");
        header.add("best trm4j / OpenBLAS");
        if (cublas.isPresent()) header.add("cuBLAS (GPU 0)");
        Table t = new Table("Linear kernels at TRM's shapes",
                "GFLOP/s (2·rows·in·out over the median kernel time of " + reps + " executes after a warm-up), its fraction of the "
                        + "device's roofline, and the kernel: the step graph's choice on that device (LinearTuner: every variant timed once "
                        + "per machine and shape, cached in the autotune file). Roofline: min(peak FMA, intensity x copy-kernel bandwidth), the peak "
                        + "being the best float32 rate measured on that hardware in this run (probes above, or a faster row here: host CPU now "
                        + Table.num(host.fmaGflops()) + " GFLOP/s); a fraction over 100% means the data came from cache, faster than the "
                        + "measured memory bandwidth. OpenBLAS: cblas_sgemm on the same arrays, wall time, host CPU roofline; "
                        + blas.map(OpenBlas::describe).orElse("OpenBLAS: not found (libopenblas.so.0)") + "."
                        + (cublas.isPresent() ? " cuBLAS: cublasSgemm_v2 on the same data on GPU 0, wall time with a synchronize; forward rows add its "
                        + "largest difference from OpenBLAS relative to the largest |y|." : noCublas == null ? "" : " cuBLAS: " + noCublas + "."),
                header.toArray(String[]::new));
        for (Measured m : measured) {
            List<String> cells = new ArrayList<>(List.of(m.presetBatch(), m.shape().layer(), m.shape().dims(), m.pass().name()));
            double best = 0;
            for (int i = 0; i < devices.size(); i++) {
                double g = m.gflops()[i];
                best = Math.max(best, g);
                cells.add(Table.num(g) + " · " + Table.pct(g / roofs.get(devices.get(i).id()).attainableGflops(m.shape().flops(), m.shape().bytes()))
                        + " · " + m.kernels()[i]);
            }
            if (blas.isPresent()) {
                cells.add(Table.num(m.blasGflops()) + " · " + Table.pct(m.blasGflops() / host.attainableGflops(m.shape().flops(), m.shape().bytes())));
                cells.add(Table.num(best / m.blasGflops()) + "x");
            } else {
                cells.add("-");
            }
            if (cublas.isPresent()) cells.add(Table.num(m.cublasGflops()) + (m.cublasCheck() == null ? "" : " · " + m.cublasCheck()));
            t.row(cells.toArray(String[]::new));
        }
        return t;
    }

    /** One (shape, pass): GFLOP/s and fastest kernel per device (in {@link #devices} order), and OpenBLAS's GFLOP/s (NaN without). */
    private record Measured(String presetBatch, LinearShapes.Shape shape, Pass pass, double[] gflops, String[] kernels, double blasGflops,
                            double cublasGflops, String cublasCheck) {}

    private Measured measure(SvgChart chart, String presetBatch, LinearShapes.Shape s, Pass p) {
        Arrays a = Arrays.random(s, 1);
        double[] gflops = new double[devices.size()];
        String[] names = new String[devices.size()];
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            Variant v = a.chosen(p, d);
            System.err.printf("linear %s %s %s on %s (%s)%n", s.layer(), s.dims(), p, d.id(), v.name());
            names[i] = v.name();
            gflops[i] = s.flops() / KernelClock.medianNanos(d, v.task(), v.grid(), 1, reps);
            chart.bar(p.name() + " " + d.id(), gflops[i], d.id());
        }
        double blasGflops = Double.NaN;
        if (blas.isPresent()) {
            blasGflops = s.flops() / blasNanos(a.blas(blas.get(), p));
            chart.bar(p.name() + " OpenBLAS", blasGflops, "OpenBLAS");
        }
        double cublasGflops = Double.NaN;
        String check = null;
        if (cublas.isPresent()) {
            System.err.printf("linear %s %s %s with cuBLAS%n", s.layer(), s.dims(), p);
            try (CuBlas.Resident r = cublas.get().resident(ColumnMajorGemm.of(p, s.rows(), s.in(), s.out()), a::segment)) {
                cublasGflops = s.flops() / blasNanos(r::run);
                if (p == Pass.forward && blas.isPresent()) { // a.y holds OpenBLAS's forward (beta 0: every call writes the same)
                    FloatArray got = new FloatArray(a.y().getSize());
                    r.result(got.getSegment());
                    double max = 0, diff = 0;
                    for (int i = 0; i < got.getSize(); i++) {
                        max = Math.max(max, Math.abs(a.y().get(i)));
                        diff = Math.max(diff, Math.abs(a.y().get(i) - got.get(i)));
                    }
                    check = "diff " + String.format(java.util.Locale.ROOT, "%.1e", diff / Math.max(max, 1e-30));
                }
            }
        }
        return new Measured(presetBatch, s, p, gflops, names, blasGflops, cublasGflops, check);
    }

    /**
     * A rate measured on some hardware proves its peak is at least that: each device's roofline, and the host CPU's
     * (every device on it and OpenBLAS), take the best rate of this suite when it beats the probes (which happens when
     * the machine's load changed between the probe and the row).
     */
    private void raiseRoofs(List<Measured> measured) {
        double hostBest = host.fmaGflops();
        for (Measured m : measured) {
            if (!Double.isNaN(m.blasGflops())) hostBest = Math.max(hostBest, m.blasGflops());
            for (int i = 0; i < devices.size(); i++) if (roofs.get(devices.get(i).id()) == host) hostBest = Math.max(hostBest, m.gflops()[i]);
        }
        DeviceLimits raisedHost = host.withFma(hostBest);
        for (int i = 0; i < devices.size(); i++) {
            String id = devices.get(i).id();
            DeviceLimits r = roofs.get(id);
            if (r == host) { roofs.put(id, raisedHost); continue; }
            double best = r.fmaGflops();
            for (Measured m : measured) best = Math.max(best, m.gflops()[i]);
            roofs.put(id, r.withFma(best));
        }
        host = raisedHost;
    }

    /** The host CPU's roofline after this suite (raised where a row beat the probes). */
    public DeviceLimits host() { return host; }

    /** Each device's roofline after this suite. */
    public Map<String, DeviceLimits> roofs() { return roofs; }

    /** Median wall nanoseconds of OpenBLAS doing the pass, after one warm-up call. */
    private long blasNanos(Runnable call) {
        call.run();
        long[] ns = new long[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            call.run();
            ns[i] = System.nanoTime() - t0;
        }
        return KernelClock.median(ns);
    }

    static FloatArray random(Random rnd, int n) {
        FloatArray a = new FloatArray(n);
        for (int i = 0; i < n; i++) a.set(i, (float) rnd.nextGaussian());
        return a;
    }
}
