package org.trm4j.runtime;

import org.trm4j.api.NativeArray;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LoweredReduction;
import org.trm4j.jit.lower.ReductionLowering;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The host half of {@link ReductionLowering}: device backends compile {@link #lower}'s IR and launch through
 * {@link #launch}, which supplies the per-group partials array and runs phase 0 (all groups) then phase 1 (one
 * work-item). A @Reduce kernel of another shape is not lowered; {@link LaunchGeometry} runs it on one work-item.
 */
public final class Reductions {
    private Reductions() {}

    /** Most work-groups of phase 0: enough for any device, and few partials for phase 1 to fold. */
    static final int MAX_GROUPS = 256;

    /** The IR to compile for {@code method}: {@code k} itself, or its lowered copy when it has a @Reduce loop of the known shape. */
    public static Kernel lower(Method method, Kernel k) {
        if (k.reductionParams.isEmpty()) return k;
        // Hidden arguments go after the Java parameters and the bounds-checking error array (see BoundsChecks).
        Kernel lowered = ReductionLowering.apply(k, method.getParameterCount() + 1);
        return lowered == null ? k : lowered;
    }

    /** Runs {@code launch} twice for a lowered reduction (phase 0 then 1), else once; returns the summed kernel time. */
    public static long launch(DeviceRuntime device, Kernel ir, Object[] args, ToLongFunction<Object[]> launch) {
        LoweredReduction r = ir.reduction;
        if (r == null) return launch.applyAsLong(args);
        long extent = LaunchGeometry.parallelExtent(ir, args, device);
        int groups = (int) Math.max(1, Math.min(MAX_GROUPS, (extent + r.groupSize() - 1) / r.groupSize()));
        NativeArray partials = newArray(r, groups);
        int phase = r.phase().javaIndex();
        Object[] all = Arrays.copyOf(args, Math.max(args.length, phase + 1));
        all[r.partials().javaIndex()] = partials;
        try {
            all[phase] = 0;
            long nanos = launch.applyAsLong(all);
            all[phase] = 1;
            return nanos + launch.applyAsLong(all);
        } finally {
            device.release(partials);
        }
    }

    /** The launch geometry of a phase: groups x GROUP work-items in phase 0, one in phase 1. */
    static LaunchGeometry geometry(Kernel k, Object[] args, org.trm4j.api.Device device) {
        LoweredReduction r = k.reduction;
        if (args[r.phase().javaIndex()] instanceof Integer p && p == 1) return LaunchGeometry.single(k.dimensions());
        long groups = ((NativeArray) args[r.partials().javaIndex()]).getSize();
        return LaunchGeometry.groups(k.dimensions(), groups, r.groupSize());
    }

    private static NativeArray newArray(LoweredReduction r, int groups) {
        try {
            return KernelArguments.arrayClass(r.partials().elementType()).getConstructor(int.class).newInstance(groups);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the partials array of a reduction", e);
        }
    }
}
