package uk.ac.manchester.tornado.api.enums;

/** The kinds of backend. Part of trm4j's TornadoVM bridge, not TornadoVM; JAVA is trm4j's JVM device. */
public enum TornadoVMBackendType {
    OPENCL, PTX, SPIRV, JAVA, VIRTUAL;

    /** The type of a trm4j backend name ("opencl", "cuda", "spirv", "java"). */
    public static TornadoVMBackendType ofTrm4j(String backend) {
        return switch (backend) {
            case "opencl" -> OPENCL;
            case "cuda" -> PTX;
            case "spirv" -> SPIRV;
            case "java" -> JAVA;
            default -> VIRTUAL;
        };
    }
}
