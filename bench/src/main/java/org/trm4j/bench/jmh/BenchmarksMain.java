package org.trm4j.bench.jmh;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;

/**
 * The JMH suite's entry point (bench/target/benchmarks.jar): JMH's own command line, with the {@code device} parameter
 * set to every device found here unless {@code -p device=...} names some.
 */
public final class BenchmarksMain {
    private BenchmarksMain() {}

    public static void main(String[] args) throws RunnerException, java.io.IOException {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (cmd.shouldHelp() || cmd.shouldList() || cmd.shouldListWithParams() || cmd.shouldListProfilers() || cmd.shouldListResultFormats()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        OptionsBuilder o = new OptionsBuilder();
        o.parent(cmd);
        if (!cmd.getParameter("device").hasValue()) {
            o.param("device", Devices.list().stream().map(Device::id).toArray(String[]::new));
        }
        new Runner(o.build()).run();
    }

    /** The device {@code id}; an unknown id is an error listing the known ones. */
    static Device device(String id) {
        return Devices.list().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no device \"" + id + "\"; available: " + Devices.list().stream().map(Device::id).toList()));
    }
}
