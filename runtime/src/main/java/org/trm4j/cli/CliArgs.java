package org.trm4j.cli;

import org.trm4j.api.Device;
import org.trm4j.api.DeviceType;
import org.trm4j.api.Devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;

/**
 * Checks of command-line values that every module's commands share: device lists, shapes, and whether the arrays
 * a command is about to allocate fit the devices and the host. Each failure is an IllegalArgumentException whose
 * message names the option, the value and what would work.
 */
public final class CliArgs {
    private CliArgs() {}

    /** Every device when {@code ids} is null, else exactly the comma-separated ids given, each of which must exist. */
    public static List<Device> devices(String ids) {
        List<Device> all = Devices.list();
        if (ids == null) return all;
        Set<String> wanted = new LinkedHashSet<>();
        for (String s : ids.split(",")) if (!s.isBlank()) wanted.add(s.trim());
        if (wanted.isEmpty()) throw new IllegalArgumentException("--device needs at least one device id");
        List<Device> out = new ArrayList<>();
        for (String id : wanted) {
            Device d = all.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "--device: no device \"" + id + "\"; available: " + all.stream().map(Device::id).collect(Collectors.joining(", "))
                            + Devices.unavailable().replace("\n  ", "; ")));
            out.add(d);
        }
        return out;
    }

    /** "776x512x1536" as positive ints; {@code names} says what each is ("rows", "in", "out"). */
    public static int[] shape(String option, String value, String... names) {
        String[] p = value.trim().toLowerCase(Locale.ROOT).split("x", -1);
        String form = java.util.Arrays.stream(names).map(n -> n.toUpperCase(Locale.ROOT)).collect(Collectors.joining("x"));
        if (p.length != names.length) throw new IllegalArgumentException(option + ": \"" + value + "\" is not " + form);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            long v;
            try {
                v = Long.parseLong(p[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": \"" + value + "\" is not " + form + " (" + names[i] + " \"" + p[i] + "\" is not a whole number)");
            }
            if (v < 1 || v > Integer.MAX_VALUE)
                throw new IllegalArgumentException(option + ": " + names[i] + " in \"" + value + "\" must be between 1 and " + Integer.MAX_VALUE);
            out[i] = (int) v;
        }
        return out;
    }

    /** {@code n} elements of {@code elementBytes} as one array: refused when one array cannot hold them. */
    public static long arrayBytes(String what, long n, long elementBytes) {
        if (n > Integer.MAX_VALUE)
            throw new IllegalArgumentException(what + " needs " + String.format(Locale.ROOT, "%,d", n) + " elements in one array; at most "
                    + String.format(Locale.ROOT, "%,d", (long) Integer.MAX_VALUE) + " fit");
        return n * elementBytes;
    }

    /**
     * Refuses a run whose arrays do not fit, before anything is allocated: {@code hostBytes} on the host, and
     * {@code deviceBytes} on each device that is not the JVM (a CPU device's buffers are host memory too).
     * {@code advice} gets the factor by which the request must shrink and says what fits ("at most --batch 812").
     */
    public static void requireMemory(String what, long hostBytes, long deviceBytes, List<Device> devices, DoubleFunction<String> advice) {
        long host = availableHostBytes();
        for (Device d : devices) {
            boolean java = d.type() == DeviceType.JVM; // java and vector: their arrays are the host's
            long onHost = hostBytes + (!java && d.type() == DeviceType.CPU ? deviceBytes : 0);
            if (onHost > host)
                throw new IllegalArgumentException(what + " needs " + human(onHost) + " of host memory" + (java ? "" : " with " + d.id())
                        + ", " + human(host) + " are available; " + advice.apply(host / (double) onHost));
            if (!java && deviceBytes > d.globalMemoryBytes())
                throw new IllegalArgumentException(what + " needs " + human(deviceBytes) + " on " + d.id() + ", which has "
                        + human(d.globalMemoryBytes()) + "; " + advice.apply(d.globalMemoryBytes() / (double) deviceBytes));
        }
    }

    /** MemAvailable of /proc/meminfo (what can be allocated without swapping), else the JVM's view of free memory. */
    public static long availableHostBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo")))
                if (line.startsWith("MemAvailable:")) return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getFreeMemorySize();
    }

    public static String human(long bytes) {
        if (bytes >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        if (bytes >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        return String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0);
    }
}
