package uk.ac.manchester.tornado.api.runtime;

import uk.ac.manchester.tornado.api.TornadoRuntime;

/** Gives the {@link TornadoRuntime}. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class TornadoRuntimeProvider {
    private TornadoRuntimeProvider() {}

    /** The runtime over trm4j's device discovery (built on first use). */
    public static TornadoRuntime getTornadoRuntime() { return BridgeRuntime.instance(); }

    public static boolean isProfilerEnabled() { return false; }
}
