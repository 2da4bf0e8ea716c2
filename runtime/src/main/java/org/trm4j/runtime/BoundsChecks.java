package org.trm4j.runtime;

import org.trm4j.api.IntArray;
import org.trm4j.api.KernelIndexOutOfBoundsException;
import org.trm4j.jit.ir.CheckedAccesses;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.lower.BoundsCheckPass;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The host half of the optional bounds-checked mode ({@code -Dtrm.checkBounds=true}, or an execution
 * plan's {@code withBoundsChecks()}): device backends compile {@link DeviceIr}'s IR, which has a hidden error
 * array when checks are on, and launch through
 * {@link #launch}, which supplies that array, reads it back and throws what Java would have thrown.
 */
public final class BoundsChecks {
    private BoundsChecks() {}

    /** The system property that turns the checks on for kernels compiled afterwards. */
    public static final String PROPERTY = "trm.checkBounds";

    /** Whether the system property asks every kernel compiled from now on to be checked. */
    public static boolean requested() { return Boolean.getBoolean(PROPERTY); }

    /** A checked copy of {@code k}, the IR of {@code method}. */
    static Kernel checked(Kernel k, Method method) { return BoundsCheckPass.apply(k, method.getParameterCount()); }

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
