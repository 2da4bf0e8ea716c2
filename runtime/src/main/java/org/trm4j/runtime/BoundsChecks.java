package org.trm4j.runtime;

import org.trm4j.api.IntArray;
import org.trm4j.api.KernelIndexOutOfBoundsException;
import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.CheckedAccesses;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.lower.BoundsCheckPass;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The host half of the optional bounds-checked mode ({@code -Dtrm.checkBounds=true}, or an execution
 * plan's {@code withBoundsChecks()}): device backends
 * compile {@link #kernelFor}'s IR, which has a hidden error array when checks are on, and launch through
 * {@link #launch}, which supplies that array, reads it back and throws what Java would have thrown.
 */
public final class BoundsChecks {
    private BoundsChecks() {}

    /** The system property that turns the checks on for kernels compiled afterwards. */
    public static final String PROPERTY = "trm.checkBounds";

    /** Set while an execution plan with {@code withBoundsChecks()} compiles its kernels. */
    private static final ScopedValue<Boolean> PLAN = ScopedValue.newInstance();

    /** Whether kernels compiled now get checks: the system property, or a plan that asks for them. */
    public static boolean requested() { return PLAN.orElse(false) || Boolean.getBoolean(PROPERTY); }

    /** Runs {@code compile} with checks requested, whatever the system property says. */
    public static <T> T requesting(java.util.function.Supplier<T> compile) {
        return ScopedValue.where(PLAN, true).call(compile::get);
    }

    /** The IR a device backend compiles for {@code method}: the front end's (shared), or a checked copy when requested. */
    public static Kernel kernelFor(Method method) {
        Kernel k = Reductions.lower(method, KernelCompiler.compile(method));
        return requested() ? BoundsCheckPass.apply(k, method.getParameterCount()) : k;
    }

    /**
     * Runs {@code launch} with the task's arguments, plus a zeroed error array when {@code ir} is checked;
     * then copies that array back, frees its device copy and throws {@link KernelIndexOutOfBoundsException}
     * for the first violation. Returns what {@code launch} returned (the kernel time).
     */
    public static long launch(DeviceRuntime device, Kernel ir, Object[] args, ToLongFunction<Object[]> launch) {
        CheckedAccesses checked = ir.checkedAccesses;
        if (checked == null) return launch.applyAsLong(args);
        int at = checked.errors().javaIndex();
        IntArray errors = new IntArray(CheckedAccesses.WORDS);
        Object[] all = Arrays.copyOf(args, Math.max(args.length, at + 1));
        all[at] = errors;
        try {
            long nanos = launch.applyAsLong(all);
            device.copyToHost(errors);
            if (errors.get(CheckedAccesses.COUNT) != 0) {
                int site = errors.get(CheckedAccesses.SITE);
                String array = site >= 0 && site < checked.sites().size() ? checked.sites().get(site).array() : "?";
                throw KernelIndexOutOfBoundsException.in(KernelArguments.kernelName(ir), array,
                        errors.get(CheckedAccesses.INDEX), errors.get(CheckedAccesses.LENGTH));
            }
            return nanos;
        } finally {
            device.release(errors);
        }
    }
}
