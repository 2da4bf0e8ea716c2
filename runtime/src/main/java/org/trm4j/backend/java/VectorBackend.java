package org.trm4j.backend.java;

import org.trm4j.runtime.Backend;
import org.trm4j.runtime.DeviceRuntime;

import java.util.List;

/**
 * The {@code vector} device ({@link VectorDevice}): present when the JVM runs with the Vector API module
 * ({@code --add-modules jdk.incubator.vector}, which {@code ./trm}, the tests and the bundle pass).
 */
public final class VectorBackend implements Backend {
    private static final String MODULE = "jdk.incubator.vector";
    private final List<DeviceRuntime> devices;

    public VectorBackend() {
        int lanes = org.trm4j.jit.jvm.JvmRenderer.preferredFloatLanes();
        devices = lanes > 1 ? List.of(new VectorDevice(lanes)) : List.of();
    }

    @Override public String name() { return "vector"; }
    @Override public List<? extends DeviceRuntime> devices() { return devices; }
    @Override public String unavailableReason() {
        return devices.isEmpty() ? "this JVM was started without " + MODULE + " (java --add-modules " + MODULE + "; ./trm passes it)" : null;
    }
}
