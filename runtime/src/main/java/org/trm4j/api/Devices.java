package org.trm4j.api;

import org.trm4j.runtime.Backend;
import org.trm4j.runtime.Backends;
import org.trm4j.runtime.DeviceRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The devices of this machine, by id: "java", "opencl:P:D", "spirv:P:D", "cuda:N", "vector". */
public final class Devices {
    private Devices() {}

    /** Every device of every backend, java first. */
    public static List<Device> list() {
        List<Device> out = new ArrayList<>();
        for (Backend b : Backends.all()) out.addAll(b.devices());
        return out;
    }

    /** The device with this id; the error lists the ids that exist. */
    public static Device get(String id) {
        for (Backend b : Backends.all())
            for (DeviceRuntime d : b.devices())
                if (d.id().equals(id)) return d;
        throw new IllegalArgumentException("no device \"" + id + "\"; available: "
                + list().stream().map(Device::id).collect(Collectors.joining(", ")) + unavailable());
    }

    /**
     * The device used when a plan names none: the system property trm.device or the TRM_DEVICE
     * environment variable if set, else the first device other than the reference "java" (opencl, spirv, cuda, then
     * vector: {@link org.trm4j.runtime.Backends}' order), else "java".
     */
    public static Device defaultDevice() {
        String id = System.getProperty("trm.device", System.getenv("TRM_DEVICE"));
        if (id != null && !id.isBlank()) return get(id.trim());
        return list().stream().filter(d -> !d.backend().equals("java")).findFirst().orElseGet(() -> get("java"));
    }

    /** One line per backend that found no device, saying why. */
    public static String unavailable() {
        StringBuilder sb = new StringBuilder();
        for (Backend b : Backends.all())
            if (b.devices().isEmpty()) sb.append("\n  ").append(b.name()).append(": ").append(b.unavailableReason());
        return sb.toString();
    }
}
