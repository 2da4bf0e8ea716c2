package org.trm4j.api;

/** A place kernels can run: the JVM itself, or an OpenCL/CUDA/SPIR-V device. Get one from {@link Devices}. */
public interface Device {
    /** Stable id: "java", "opencl:P:D", "cuda:N", "spirv:P:D". */
    String id();
    String name();
    DeviceType type();
    int computeUnits();
    /** Global memory in bytes. */
    long globalMemoryBytes();
    /** Work-group local memory in bytes. */
    long localMemoryBytes();
    int maxWorkGroupSize();
    /** Driver/platform version string. */
    String backendVersion();
    /** The backend name: "java", "opencl", ... */
    String backend();
}
