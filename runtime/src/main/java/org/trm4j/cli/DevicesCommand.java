package org.trm4j.cli;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.runtime.Backend;
import org.trm4j.runtime.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** `trm devices`: every device of every backend, and with -v why a backend found none. */
@Command(name = "devices", description = "List the devices kernels can run on.")
final class DevicesCommand implements Runnable {
    @Option(names = {"-v", "--verbose"}, description = "Also list backends that found no device, and why.")
    boolean verbose;
    @Option(names = "--check", description = "Run two demo kernels on every device and compare each with the java backend.")
    boolean check;
    @Option(names = "--size", defaultValue = "1048576", description = "Elements for --check (a multiple of 128; default ${DEFAULT-VALUE}).")
    int size;

    @Override public void run() {
        if (check) {
            if (size <= 0 || size % 128 != 0) throw new IllegalArgumentException("--size must be a positive multiple of 128, got " + size);
            List<Device> all = Devices.list();
            // x, the initial y, the reference and the current result on the host; x, y and the partial sums on a device.
            CliArgs.requireMemory("--size " + size, 4L * 4 * size, 2L * 4 * size + size / 32, all,
                    f -> "at most --size " + Math.max(128, (long) (size * f * 0.9) / 128 * 128) + " fits");
            new DeviceCheck(size).run();
            return;
        }
        System.out.printf("%-14s %-11s %-5s %8s %10s  %s%n", "ID", "TYPE", "CU", "MEM", "LOCAL", "NAME / BACKEND VERSION");
        for (Backend b : Backends.all()) {
            for (Device d : b.devices()) {
                System.out.printf("%-14s %-11s %-5d %8s %10s  %s%n", d.id(), d.type(), d.computeUnits(),
                        CliArgs.human(d.globalMemoryBytes()), d.localMemoryBytes() == Long.MAX_VALUE ? "heap" : CliArgs.human(d.localMemoryBytes()), d.name());
                System.out.printf("%-14s %-11s %-5s %8s %10s  %s%n", "", "", "", "", "", d.backendVersion());
            }
            if (b.devices().isEmpty() && verbose) System.out.printf("%-14s no device: %s%n", b.name() + ":", b.unavailableReason());
        }
        if (!verbose && Backends.all().stream().anyMatch(b -> b.devices().isEmpty()))
            System.out.println("(some backends found no device; `trm devices -v` says why)");
    }
}
