package org.trm4j.runtime;

import java.util.List;

/**
 * A family of devices (java, opencl, cuda, spirv). Discovery never throws: a backend that finds
 * no driver returns no devices and says why in {@link #unavailableReason()}.
 */
public interface Backend {
    String name();

    /** The devices found, in a stable order. */
    List<? extends DeviceRuntime> devices();

    /** Why there are no devices (missing library, no platform...), or null when devices were found. */
    String unavailableReason();
}
