package org.trm4j.runtime;

import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.lower.ContractMultiplyAdd;

import java.lang.reflect.Method;

/** The IR a device backend renders for a kernel method: the front end's, then the passes the options ask for. */
public final class DeviceIr {
    private DeviceIr() {}

    /**
     * The front end's shared IR (only to be read), or a rewritten copy: multiply-adds contracted under
     * {@link CompileOptions#relaxedMath()}, every array access checked under {@link CompileOptions#boundsChecks()}
     * or {@code -Dtrm.checkBounds=true}.
     */
    public static Kernel of(Method method, CompileOptions options) {
        Kernel k = unchecked(method, options);
        return options.boundsChecks() || BoundsChecks.requested() ? BoundsChecks.checked(k, method) : k;
    }

    /** {@link #of} without the bounds-check pass: for the JVM renderer, whose every array access is checked anyway. */
    public static Kernel unchecked(Method method, CompileOptions options) {
        Kernel k = Reductions.lower(method, KernelCompiler.compile(method)); // @Reduce loops as parallel reductions
        return options.relaxedMath() ? ContractMultiplyAdd.apply(k) : k;
    }
}
