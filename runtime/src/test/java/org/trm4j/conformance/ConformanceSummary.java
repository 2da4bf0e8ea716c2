package org.trm4j.conformance;

import org.trm4j.api.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects per-device results and writes one line per device to stdout and to
 * {@code target/conformance-summary.txt} (the CI prints that file).
 */
final class ConformanceSummary {
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Set<String>> passedKernels = new LinkedHashMap<>();
    private final Map<String, Set<String>> failedKernels = new LinkedHashMap<>();
    private final Map<String, List<String>> failures = new LinkedHashMap<>();

    synchronized void record(Device device, String kernel, String caseName, String failure) {
        devices.putIfAbsent(device.id(), device);
        passedKernels.computeIfAbsent(device.id(), k -> new LinkedHashSet<>());
        failedKernels.computeIfAbsent(device.id(), k -> new LinkedHashSet<>());
        failures.computeIfAbsent(device.id(), k -> new ArrayList<>());
        if (failure == null) passedKernels.get(device.id()).add(kernel);
        else {
            failedKernels.get(device.id()).add(kernel);
            failures.get(device.id()).add(caseName + ": " + failure.lines().findFirst().orElse(""));
        }
    }

    synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (String id : devices.keySet()) {
            Device d = devices.get(id);
            Set<String> failed = failedKernels.get(id);
            Set<String> passed = new LinkedHashSet<>(passedKernels.get(id));
            passed.removeAll(failed);
            String what = " on " + id + " (" + d.name() + " / " + d.backendVersion() + ")"
                    + (id.equals("java") ? " [self-check: java against java]" : "");
            if (failed.isEmpty()) out.add("conformance: " + passed.size() + " kernels passed" + what);
            else out.add("conformance: " + failed.size() + " of " + (passed.size() + failed.size()) + " kernels FAILED" + what
                    + ": " + String.join(", ", failed));
        }
        return out;
    }

    synchronized List<String> failureDetails() {
        List<String> out = new ArrayList<>();
        failures.forEach((id, list) -> list.forEach(f -> out.add("  " + id + " " + f)));
        return out;
    }

    void write(Path file) throws IOException {
        List<String> all = new ArrayList<>(lines());
        all.add("conformance: " + ConformanceSeed.replayHint());
        all.addAll(failureDetails());
        all.forEach(System.out::println);
        Files.createDirectories(file.getParent());
        Files.write(file, all);
    }

    static Path defaultFile() {
        return Path.of(System.getProperty("basedir", "."), "target", "conformance-summary.txt");
    }
}
