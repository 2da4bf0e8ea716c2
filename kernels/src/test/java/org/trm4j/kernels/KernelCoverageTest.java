package org.trm4j.kernels;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs last (see junit-platform.properties): every public static void kernel method of the package ran
 * on "java", "opencl:0:0" and "vector" in this JVM through {@link KernelCheck}. Skipped when the other
 * test classes did not run (a single class selected).
 */
@Order(Integer.MAX_VALUE)
class KernelCoverageTest {
    static final Class<?>[] KERNEL_CLASSES = {Linear.class, LinearPanel.class, Embedding.class, RmsNorm.class, SwiGlu.class, Rope.class,
            Attention.class, Elementwise.class, Losses.class, Optimizers.class, ActCarry.class};

    @Test void everyKernelRanOnJavaAndOpenCl() {
        List<String> checked;
        synchronized (KernelCheck.CHECKED) { checked = new ArrayList<>(KernelCheck.CHECKED); }
        Assumptions.assumeTrue(checked.size() > 40, "run with the whole kernels test suite");
        TreeSet<String> missing = new TreeSet<>();
        int kernels = 0;
        for (Class<?> c : KERNEL_CLASSES)
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers()) || m.getReturnType() != void.class) continue;
                kernels++;
                String name = c.getSimpleName() + "." + m.getName();
                if (checked.stream().noneMatch(s -> s.equals(name) || s.startsWith(name + "("))) missing.add(name);
            }
        System.out.println("kernels: " + kernels + " kernel methods, " + checked.size() + " comparisons of java with opencl:0:0 and vector");
        assertTrue(missing.isEmpty(), "kernels never compared between java and opencl:0:0/vector: " + missing);
    }
}
