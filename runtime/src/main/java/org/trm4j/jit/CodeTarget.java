package org.trm4j.jit;

import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.opencl.OpenClRenderer;
import org.trm4j.jit.ptx.PtxRenderer;
import org.trm4j.jit.spirv.SpirvRenderer;
import org.trm4j.jit.spirv.SpirvTools;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The code a kernel becomes for each target, as text to read ({@link #show}) and as the bytes of a
 * file for offline toolchains ({@link #export}: OpenCL C for FPGA compilers, PTX for ptxas, SPIR-V binary).
 */
public enum CodeTarget {
    OPENCL("cl"),
    PTX("ptx"),
    SPIRV("spv"),
    /** The vector device's class file (IR -> bytecode with Vector API loops); shown as its loop report. */
    JVM("class"),
    IR("ir");

    /** File extension of exported code. */
    public final String extension;

    CodeTarget(String extension) { this.extension = extension; }

    public static CodeTarget parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown target \"" + name + "\"; targets: "
                    + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    /** Readable code of {@code kernel}; SPIR-V is shown as spirv-dis text when spirv-dis is installed. */
    public String show(Method kernel) {
        Kernel k = KernelCompiler.compile(kernel);
        return switch (this) {
            case OPENCL -> OpenClRenderer.render(k);
            case PTX -> PtxRenderer.render(k);
            case SPIRV -> SpirvTools.available("spirv-dis") ? SpirvTools.disassemble(SpirvRenderer.render(k))
                    : "; spirv-dis not found (apt-get install spirv-tools); module of " + SpirvRenderer.render(k).length + " bytes\n";
            case JVM -> org.trm4j.jit.jvm.JvmRenderer.describe(org.trm4j.runtime.DeviceIr.unchecked(kernel, org.trm4j.runtime.CompileOptions.RELAXED));
            case IR -> k.toString();
        };
    }

    /** The bytes of the file `trm kernels export` writes. */
    public byte[] export(Method kernel) {
        if (this == JVM)
            return org.trm4j.jit.jvm.JvmRenderer.forDisplay(org.trm4j.runtime.DeviceIr.unchecked(kernel, org.trm4j.runtime.CompileOptions.RELAXED),
                    kernel.getDeclaringClass().getClassLoader()).bytes();
        return this == SPIRV ? SpirvRenderer.render(KernelCompiler.compile(kernel)) : show(kernel).getBytes(StandardCharsets.UTF_8);
    }
}
