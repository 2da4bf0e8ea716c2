package org.trm4j.jit.ptx;

import org.trm4j.jit.frontend.MoreKernels;
import org.trm4j.jit.frontend.TestKernels;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every kernel-shaped method the test tree has: the front end's TestKernels and MoreKernels, and
 * each *Kernels class of the conformance suite (found on disk, so new classes are picked up).
 * Which of them the front end compiles is for the caller to find out.
 */
final class KernelMethods {
    private KernelMethods() {}

    static List<Class<?>> kernelClasses() {
        List<Class<?>> classes = new ArrayList<>(List.of(TestKernels.class, MoreKernels.class));
        try {
            Path root = Path.of(TestKernels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path conformance = root.resolve("org/trm4j/conformance");
            if (Files.isDirectory(conformance)) {
                try (Stream<Path> files = Files.list(conformance)) {
                    for (Path f : files.sorted().toList()) {
                        String n = f.getFileName().toString();
                        if (n.endsWith("Kernels.class") && !n.contains("$") && !n.equals("ConformanceKernels.class"))
                            classes.add(Class.forName("org.trm4j.conformance." + n.substring(0, n.length() - ".class".length())));
                    }
                }
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot list the conformance kernels", e);
        }
        return classes;
    }

    /** Static void methods of the kernel classes, in a stable order. */
    static List<Method> all() {
        List<Method> out = new ArrayList<>();
        for (Class<?> c : kernelClasses()) {
            List<Method> ms = new ArrayList<>();
            for (Method m : c.getDeclaredMethods())
                if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class && !m.isSynthetic()) ms.add(m);
            ms.sort(Comparator.comparing(Method::getName).thenComparing(m -> m.getParameterCount()));
            out.addAll(ms);
        }
        return out;
    }

    static String name(Method m) { return m.getDeclaringClass().getSimpleName() + "." + m.getName(); }
}
