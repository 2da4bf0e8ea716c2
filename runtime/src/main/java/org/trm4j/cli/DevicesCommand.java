package org.trm4j.cli;

import org.trm4j.api.Device;
import org.trm4j.runtime.Backend;
import org.trm4j.runtime.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
            new DeviceCheck(size).run();
            return;
        }
        System.out.printf("%-14s %-11s %-5s %8s %10s  %s%n", "ID", "TYPE", "CU", "MEM", "LOCAL", "NAME / BACKEND VERSION");
        for (Backend b : Backends.all()) {
            for (Device d : b.devices()) {
                System.out.printf("%-14s %-11s %-5d %8s %10s  %s%n", d.id(), d.type(), d.computeUnits(),
                        bytes(d.globalMemoryBytes()), d.localMemoryBytes() == Long.MAX_VALUE ? "heap" : bytes(d.localMemoryBytes()), d.name());
                System.out.printf("%-14s %-11s %-5s %8s %10s  %s%n", "", "", "", "", "", d.backendVersion());
            }
            if (b.devices().isEmpty() && verbose) System.out.printf("%-14s no device: %s%n", b.name() + ":", b.unavailableReason());
        }
        if (!verbose && Backends.all().stream().anyMatch(b -> b.devices().isEmpty()))
            System.out.println("(some backends found no device; `trm devices -v` says why)");
    }

    static String bytes(long n) {
        if (n >= 1L << 30) return String.format("%.1f GiB", n / (double) (1L << 30));
        if (n >= 1L << 20) return String.format("%.1f MiB", n / (double) (1L << 20));
        return String.format("%.0f KiB", n / 1024.0);
    }
}
