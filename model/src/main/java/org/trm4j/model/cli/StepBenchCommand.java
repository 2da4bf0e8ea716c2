package org.trm4j.model.cli;

import org.trm4j.api.Device;
import org.trm4j.cli.CliArgs;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.StepResult;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * `trm model step-bench`: wall time of one TRM training step (one execute() of the step graph) on each
 * device, side by side in one run, with the same weights and random batches. Medians after warm-up.
 */
@Command(name = "step-bench", mixinStandardHelpOptions = true,
        description = "Time TRM training steps of a preset on every device (or --device), side by side.")
final class StepBenchCommand implements Runnable {
    @Option(names = "--preset", defaultValue = "tiny-mlp", description = "Model preset (default ${DEFAULT-VALUE}).")
    String preset;
    @Option(names = "--batch", defaultValue = "4", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--steps", defaultValue = "5", description = "Timed steps per device after one warm-up step (default ${DEFAULT-VALUE}).")
    int steps;
    @Option(names = "--device", description = "Only these device ids (comma-separated).")
    String only;

    @Override public void run() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        TrmConfig c = Presets.get(preset);
        List<Device> devices = CliArgs.devices(only);
        TrainingStepGraph.Footprint f = TrainingStepGraph.footprint(c, TrainingHyper.timing(batch));
        // The weights exist on the host once (Parameters), the graph's arrays again on a device that is not the JVM.
        CliArgs.requireMemory("--batch " + batch + " of " + preset, f.bytes(batch), f.bytes(batch), devices,
                x -> "at most --batch " + Math.max(1, f.maxBatch((long) (f.bytes(batch) * x))) + " fits");
        System.out.printf("preset %s, batch %d, %d timed steps after 1 warm-up; %s, %d cores%n",
                preset, batch, steps, System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors());
        System.out.printf("%-14s %12s %12s %10s %8s%n", "device", "median ms", "min ms", "tasks", "lm loss");
        System.out.flush();
        for (Device d : devices) {
            Parameters p = Parameters.initialized(c, 1);
            Random rnd = new Random(7);
            try (TrainingStepGraph g = new TrainingStepGraph(p, batch, TrainingHyper.timing(batch), d)) {
                long[] ms = new long[steps];
                // A progress line rewritten in place only where someone watches: piped, it would run into the table.
                boolean terminal = System.console() != null && System.console().isTerminal();
                StepResult r = g.step(Batch.random(c, batch, rnd)); // warm-up: JIT and first uploads
                for (int i = 0; i < steps; i++) {
                    Batch b = Batch.random(c, batch, rnd);
                    long t0 = System.nanoTime();
                    r = g.step(b);
                    ms[i] = System.nanoTime() - t0;
                    if (terminal) System.err.printf("\r%s step %d/%d", d.id(), i + 1, steps);
                }
                if (terminal) System.err.print("\r");
                long[] s = ms.clone();
                Arrays.sort(s);
                System.out.printf("%-14s %12.1f %12.1f %10d %8.4f%n", d.id(), s[s.length / 2] / 1e6, s[0] / 1e6, g.taskCount(), r.lmLoss());
            }
        }
    }

}
