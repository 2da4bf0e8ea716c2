package org.trm4j.conformance;

import org.trm4j.runtime.TaskMethods;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The conformance suite's kernels (public static methods of the themed kernel classes) and cases.
 * {@link KernelHelpers} holds package-private helpers the kernels call; they are not kernels.
 */
final class ConformanceKernels {
    static final List<Class<?>> KERNEL_CLASSES = List.of(ArithmeticKernels.class, BitAndShiftKernels.class,
            ComparisonKernels.class, CastKernels.class, ControlFlowKernels.class, MathKernels.class,
            ParallelLoopKernels.class, ContextKernels.class, ArrayTypeKernels.class, ReductionAndLocalArrayKernels.class);

    private ConformanceKernels() {}

    /** Every case, in a stable order; {@code -Dtrm.conformance.only=name1,name2} keeps only those (for replays). */
    static List<ConformanceCase> cases() {
        List<ConformanceCase> all = Stream.of(ArithmeticCases.cases(), ComparisonAndCastCases.cases(), ControlFlowCases.cases(),
                MathCases.cases(), GridCases.cases(), ArrayTypeCases.cases(), ReductionAndLocalArrayCases.cases()).flatMap(List::stream).toList();
        String only = System.getProperty("trm.conformance.only", "");
        if (only.isBlank()) return all;
        Set<String> keep = Set.of(only.split(","));
        return all.stream().filter(c -> keep.contains(c.name())).toList();
    }

    /** Every kernel method of the suite. */
    static List<Method> kernels() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : KERNEL_CLASSES)
            for (Method m : c.getDeclaredMethods())
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) out.add(m);
        out.sort(Comparator.comparing(Method::toString));
        return out;
    }

    /** The kernel method a case runs. */
    static Method kernelOf(ConformanceCase c) { return TaskMethods.resolve(c.kernel()); }

    /** The distinct kernel methods of some cases. */
    static Set<Method> kernelsOf(List<ConformanceCase> cases) {
        Set<Method> s = new LinkedHashSet<>();
        for (ConformanceCase c : cases) s.add(kernelOf(c));
        return s;
    }
}
