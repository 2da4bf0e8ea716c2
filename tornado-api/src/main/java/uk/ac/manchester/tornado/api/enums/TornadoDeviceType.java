package uk.ac.manchester.tornado.api.enums;

/** What kind of hardware a device is. Part of trm4j's TornadoVM bridge, not TornadoVM; JAVA is trm4j's JVM device. */
public enum TornadoDeviceType {
    DEFAULT, CPU, GPU, FPGA, ACCELERATOR, CUSTOM, JAVA;

    /** The type of a trm4j device type. */
    public static TornadoDeviceType ofTrm4j(org.trm4j.api.DeviceType t) {
        return switch (t) {
            case CPU -> CPU;
            case GPU -> GPU;
            case ACCELERATOR -> ACCELERATOR;
            case JVM -> JAVA;
            case OTHER -> CUSTOM;
        };
    }
}
