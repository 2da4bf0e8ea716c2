package org.trm4j.runtime;

import java.lang.reflect.Method;

/** A kernel ready to launch on one device. */
public interface CompiledKernel {
    Method method();

    /** Generated target code for display (OpenCL C, PTX, SPIR-V disassembly), or a description for the java backend. */
    String code();

    /** Time spent compiling (front end + renderer + driver build), nanoseconds. */
    long compileNanos();
}
