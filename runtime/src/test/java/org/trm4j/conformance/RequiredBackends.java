package org.trm4j.conformance;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.runtime.Backend;
import org.trm4j.runtime.Backends;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The backends this run must test: the system property {@code trm.require.backends} or the environment
 * variable {@code TRM_REQUIRE_BACKENDS}, a comma list such as "java,opencl". A listed backend without
 * a device fails the suite, so a missing driver is never a silent pass.
 */
final class RequiredBackends {
    static final String PROPERTY = "trm.require.backends";
    static final String ENV = "TRM_REQUIRE_BACKENDS";

    private RequiredBackends() {}

    static List<String> names() {
        String s = System.getProperty(PROPERTY, System.getenv(ENV));
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** The required backends that found no device. */
    static List<String> missing(List<Device> devices) {
        List<String> out = new ArrayList<>();
        for (String b : names())
            if (devices.stream().noneMatch(d -> d.backend().equals(b))) out.add(b);
        return out;
    }

    static String explain(List<String> missing, List<Device> devices) {
        List<String> registered = Backends.all().stream().map(Backend::name).toList();
        List<String> unknown = missing.stream().filter(m -> !registered.contains(m)).toList();
        return "required backend(s) " + missing + " (from " + PROPERTY + " / " + ENV + ") have no device. Devices found: "
                + devices.stream().map(Device::id).toList() + ". Backends on the class path: " + registered
                + (unknown.isEmpty() ? "" : "; no backend at all is registered under the name(s) " + unknown)
                + ". Why backends found none:" + Devices.unavailable();
    }
}
