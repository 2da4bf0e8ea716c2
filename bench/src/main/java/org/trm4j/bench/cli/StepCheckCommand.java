package org.trm4j.bench.cli;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.bench.LinearShapes;
import org.trm4j.bench.StepCheck;
import org.trm4j.bench.Table;
import org.trm4j.cli.CliArgs;
import org.trm4j.model.TrmConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/** `trm step-check`: the training step and inference graphs on each device against java (a GPU machine's first check). */
@Command(name = "step-check", description = "Run the TRM step and inference graphs of small presets on each device and compare them with java.")
final class StepCheckCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--device", description = "Devices to check (comma-separated; default: every device but java).")
    String only;
    @Option(names = "--presets", split = ",", defaultValue = "tiny-mlp,tiny-att", description = "Presets (default ${DEFAULT-VALUE}).")
    List<String> presets;
    @Option(names = "--batch", defaultValue = "3", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;
    @Option(names = "--steps", defaultValue = "2", description = "Training steps compared (default ${DEFAULT-VALUE}).")
    int steps;

    @Override public Integer call() {
        if (batch < 1) throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        if (steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        List<Device> devices = CliArgs.devices(only).stream().filter(d -> !d.backend().equals("java")).toList();
        if (devices.isEmpty()) throw new IllegalArgumentException("no device to check against java (give --device with a non-java id)");
        List<TrmConfig> configs = presets.stream().map(LinearShapes::preset).toList();
        Device jvm = Devices.get("java");
        Table t = new Table("Step and inference graphs vs java", "batch " + batch + ", " + steps + " training steps; difference and allowed difference",
                "preset", "device", "compared", "difference", "allowed", "result");
        int failed = 0;
        for (TrmConfig c : configs) {
            StepCheck.Outcome reference = StepCheck.outcome(c, batch, steps, jvm);
            for (Device d : devices) {
                for (StepCheck.Line l : StepCheck.compare(c, batch, steps, d, reference)) {
                    t.row(c.name(), d.id(), l.what(), String.format(Locale.ROOT, "%.3g", l.difference()),
                            String.format(Locale.ROOT, "%.3g", l.allowed()), l.ok() ? "ok" : "FAIL");
                    if (!l.ok()) failed++;
                }
            }
        }
        System.out.println(t.markdown());
        System.out.println(failed == 0 ? "step-check: all passed" : "step-check: " + failed + " comparison(s) FAILED");
        return failed == 0 ? 0 : 1;
    }
}
