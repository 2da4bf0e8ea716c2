package org.trm4j.infer.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;
import org.trm4j.train.data.Examples;

/**
 * Finds the fastest device for the demo's training: a few training steps of the demo's own model and batch on every
 * device (kernel compilation is the first step, not timed), the median of the timed ones compared. A device whose
 * trial fails is skipped with the reason.
 */
public final class DeviceTrial {
    private DeviceTrial() {}

    /** The result of one device's trial: median seconds per step, or why it failed. */
    public record Result(Device device, double secondsPerStep, String failure) {}

    /** Times {@code steps} steps (after one untimed) on each of {@code devices}; {@code log} gets a line per device. */
    public static List<Result> run(List<Device> devices, TrmConfig c, int batch, Examples data, int steps, Consumer<String> log) {
        List<Result> out = new ArrayList<>();
        int s = c.seqLen();
        int[] in = new int[batch * s], lab = new int[batch * s];
        for (int b = 0; b < batch; b++) {
            data.inputs(b % data.size(), in, b * s);
            data.labels(b % data.size(), lab, b * s);
        }
        Batch bt = new Batch(in, lab, new int[batch]);
        for (Device d : devices) {
            try (TrainingStepGraph g = new TrainingStepGraph(Parameters.initialized(c, 1), batch, TrainingHyper.constant(1e-4, 1e-4, 0, 0, batch), d)) {
                g.step(bt);
                double[] t = new double[steps];
                for (int k = 0; k < steps; k++) {
                    long t0 = System.nanoTime();
                    g.step(bt);
                    t[k] = (System.nanoTime() - t0) / 1e9;
                }
                java.util.Arrays.sort(t);
                out.add(new Result(d, t[steps / 2], null));
                log.accept(String.format(Locale.ROOT, "  %-12s %7.1f ms per training step", d.id(), 1000 * t[steps / 2]));
            } catch (RuntimeException e) {
                out.add(new Result(d, Double.POSITIVE_INFINITY, e.getMessage()));
                log.accept("  " + d.id() + ": skipped (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** The fastest device that ran, else java. */
    public static Device fastest(List<Result> results) {
        return results.stream().filter(r -> r.failure() == null).min(java.util.Comparator.comparingDouble(Result::secondsPerStep))
                .map(Result::device).orElseGet(() -> Devices.get("java"));
    }
}
