package org.trm4j.bench;

import org.trm4j.api.Device;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;

import java.util.Map;
import java.util.Random;

/**
 * The whole TRM training step (one execute() of the step graph) and inference (the inference graph) per device,
 * with the same weights and random batches, beside the PyTorch reference when given. Medians after one warm-up run,
 * which also compiles every kernel.
 */
public final class StepSuite {
    private final Map<String, DeviceLimits> roofs;
    private final DeviceLimits host;

    public StepSuite(Map<String, DeviceLimits> roofs, DeviceLimits host) {
        this.roofs = roofs;
        this.host = host;
    }

    /** Median ms of {@code steps} training steps of {@code c} at {@code batch} on {@code d}, and the task count. */
    public static double[] trainMs(TrmConfig c, int batch, int steps, Device d) {
        Random rnd = new Random(7);
        try (TrainingStepGraph g = new TrainingStepGraph(Parameters.initialized(c, 1), batch, TrainingHyper.timing(batch), d)) {
            g.step(Batch.random(c, batch, rnd));
            long[] ns = new long[steps];
            for (int i = 0; i < steps; i++) {
                Batch b = Batch.random(c, batch, rnd);
                long t0 = System.nanoTime();
                g.step(b);
                ns[i] = System.nanoTime() - t0;
            }
            return new double[]{KernelClock.median(ns) / 1e6, g.taskCount()};
        }
    }

    /** Median ms of one supervision step of inference: {@code runs} runs of {@code supSteps} steps each, divided. */
    public static double[] inferStepMs(TrmConfig c, int batch, int supSteps, int runs, Device d) {
        Random rnd = new Random(9);
        try (InferenceGraph g = new InferenceGraph(Parameters.initialized(c, 1), batch, supSteps, d)) {
            g.run(Batch.random(c, batch, rnd));
            long[] ns = new long[runs];
            for (int i = 0; i < runs; i++) {
                Batch b = Batch.random(c, batch, rnd);
                long t0 = System.nanoTime();
                g.run(b);
                ns[i] = System.nanoTime() - t0;
            }
            return new double[]{KernelClock.median(ns) / 1e6 / supSteps, g.taskCount()};
        }
    }

    /** One table row per device for the training step; {@code torch} may be null. */
    public Table train(TrmConfig c, int batch, int steps, Iterable<Device> devices, PyTorchReference torch, SvgChart chart) {
        double flops = LinearShapes.flopsPerExample(c)[1] * batch;
        Table t = new Table("Training step: " + c.name() + ", batch " + batch,
                "One step = all H/L cycles, backward of the last, AdamATan2, sign-SGD (one execute() of the step graph); median of " + steps
                        + " after a warm-up. GFLOP/s counts matmul work (" + Table.num(flops / batch / 1e9) + " GFLOP per example); roofline = "
                        + "the device's measured peak FMA rate.",
                "device", "median ms / step", "examples/s", "GFLOP/s", "roofline", "tasks", "PyTorch ms / ours");
        chart.panel("training step " + c.name() + " b" + batch, "examples/s");
        for (Device d : devices) {
            System.err.printf("training step %s batch %d on %s%n", c.name(), batch, d.id());
            double[] r = trainMs(c, batch, steps, d);
            double gflops = flops / r[0] / 1e6;
            t.row(d.id(), Table.num(r[0]), Table.num(batch * 1e3 / r[0]), Table.num(gflops), Table.pct(gflops / roofs.get(d.id()).fmaGflops()),
                    String.valueOf((int) r[1]), torch == null ? "-" : Table.num(torch.trainMs() / r[0]));
            chart.bar(d.id(), batch * 1e3 / r[0], d.id());
        }
        if (torch != null) {
            double gflops = flops / torch.trainMs() / 1e6;
            t.row("PyTorch (reference)", Table.num(torch.trainMs()), Table.num(batch * 1e3 / torch.trainMs()), Table.num(gflops),
                    Table.pct(gflops / host.fmaGflops()), "-", "1");
            chart.bar("PyTorch", batch * 1e3 / torch.trainMs(), "PyTorch");
        }
        return t;
    }

    /** One row per device for inference: puzzles/s with all haltMaxSteps supervision steps. */
    public Table infer(TrmConfig c, int batch, int supSteps, int runs, Iterable<Device> devices, PyTorchReference torch, SvgChart chart) {
        int all = c.haltMaxSteps();
        double flops = LinearShapes.flopsPerExample(c)[0] * batch;
        Table t = new Table("Inference: " + c.name() + ", batch " + batch,
                "Puzzles/s with all " + all + " supervision steps = batch / (" + all + " x ms per step); ms per step = median of " + runs
                        + " inference-graph runs of " + supSteps + " step(s) after a warm-up, divided by " + supSteps
                        + (supSteps < all ? " (fewer than " + all + " steps timed to bound the run: the steps are identical work)" : "")
                        + "; PyTorch: its eval-mode supervision step.",
                "device", "ms / supervision step", "puzzles/s (" + all + " steps)", "GFLOP/s", "roofline", "tasks / run", "ours / PyTorch puzzles/s");
        chart.panel("inference " + c.name() + " b" + batch + ", " + all + " steps", "puzzles/s");
        double torchRate = torch == null ? Double.NaN : batch * 1e3 / (all * torch.inferStepMs());
        for (Device d : devices) {
            System.err.printf("inference %s batch %d on %s%n", c.name(), batch, d.id());
            double[] r = inferStepMs(c, batch, supSteps, runs, d);
            double rate = batch * 1e3 / (all * r[0]), gflops = flops / r[0] / 1e6;
            t.row(d.id(), Table.num(r[0]), Table.num(rate), Table.num(gflops), Table.pct(gflops / roofs.get(d.id()).fmaGflops()),
                    String.valueOf((int) r[1]), torch == null ? "-" : Table.num(rate / torchRate));
            chart.bar(d.id(), rate, d.id());
        }
        if (torch != null) {
            double gflops = flops / torch.inferStepMs() / 1e6;
            t.row("PyTorch (reference)", Table.num(torch.inferStepMs()), Table.num(torchRate), Table.num(gflops),
                    Table.pct(gflops / host.fmaGflops()), "-", "1");
            chart.bar("PyTorch", torchRate, "PyTorch");
        }
        return t;
    }
}
