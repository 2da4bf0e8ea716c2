package org.trm4j.backend.spirv;

/** How a SPIR-V module reaches an OpenCL device. */
public enum SpirvLoadPath {
    /** The driver takes SPIR-V itself: cl_khr_il_program or an OpenCL 2.1+ device with an IL version. */
    IL("clCreateProgramWithIL"),
    /**
     * The driver takes SPIR 1.2 LLVM bitcode (cl_khr_spir) but no SPIR-V, as PoCL 3.x: the module is
     * translated with {@code llvm-spirv-15 -r} and loaded with clCreateProgramWithBinary.
     */
    LLVM_BITCODE("llvm-spirv-15 -r + clCreateProgramWithBinary");

    /** For people: what happens to the module. */
    public final String description;

    SpirvLoadPath(String description) { this.description = description; }
}
