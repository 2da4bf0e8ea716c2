package org.trm4j.bridge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.runtime.TornadoRuntimeProvider;

/**
 * Every device the bridge's runtime lists (trm4j's discovery), and the backends this run must cover:
 * {@code trm.require.backends} / {@code TRM_REQUIRE_BACKENDS}, as in the conformance suite.
 */
final class BridgeDevices {
    private BridgeDevices() {}

    static List<TornadoDevice> all() {
        TornadoRuntime rt = TornadoRuntimeProvider.getTornadoRuntime();
        List<TornadoDevice> out = new ArrayList<>();
        for (int b = 0; b < rt.getNumBackends(); b++) out.addAll(rt.getBackend(b).getAllDevices());
        return out;
    }

    static List<String> required() {
        String s = System.getProperty("trm.require.backends", System.getenv("TRM_REQUIRE_BACKENDS"));
        if (s == null || s.isBlank()) return List.of();
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    static String id(TornadoDevice d) { return d.trm4jDevice().id(); }
}
