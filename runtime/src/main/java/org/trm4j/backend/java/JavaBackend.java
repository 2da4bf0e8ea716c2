package org.trm4j.backend.java;

import org.trm4j.runtime.Backend;
import org.trm4j.runtime.DeviceRuntime;

import java.util.List;

/** The one-device backend that runs kernels on the JVM itself. Always available. */
public final class JavaBackend implements Backend {
    private final List<DeviceRuntime> devices = List.of(new JavaDevice());

    @Override public String name() { return "java"; }
    @Override public List<? extends DeviceRuntime> devices() { return devices; }
    @Override public String unavailableReason() { return null; }
}
