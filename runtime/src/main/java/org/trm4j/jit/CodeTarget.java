package org.trm4j.jit;

import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.opencl.OpenClRenderer;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The code a kernel becomes for each target, as text to read and as the bytes of a file to export. */
public enum CodeTarget {
    OPENCL("cl"),
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

    /** Readable code of {@code kernel} for this target. */
    public String show(Method kernel) {
        Kernel k = KernelCompiler.compile(kernel);
        return switch (this) {
            case OPENCL -> OpenClRenderer.render(k);
            case IR -> k.toString();
        };
    }

    /** The bytes of the file {@code trm kernels export} writes. */
    public byte[] export(Method kernel) {
        return show(kernel).getBytes(StandardCharsets.UTF_8);
    }
}
