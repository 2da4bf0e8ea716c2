package org.trm4j.jit.spirv;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Every static void method of every test class named "...Kernels" (nested classes included): the
 * front end's test kernels, the conformance suite's, the backends'. Found by scanning the test
 * class directory, so kernels added later are checked without editing a list here.
 */
final class TestKernelMethods {
    private TestKernelMethods() {}

    static List<Method> all() {
        Path root = testClassesRoot();
        List<Method> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/trm4j"))) {
            List<String> classNames = files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(TestKernelMethods::isKernelClass)
                    .sorted().toList();
            for (String name : classNames) {
                Class<?> cls = Class.forName(name, false, TestKernelMethods.class.getClassLoader());
                Stream.of(cls.getDeclaredMethods())
                        .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class && !m.isSynthetic())
                        .sorted(Comparator.comparing(Method::getName))
                        .forEach(out::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** "pkg.FooKernels" or "pkg.FooKernels$Inner". */
    private static boolean isKernelClass(String binaryName) {
        String top = binaryName.contains("$") ? binaryName.substring(0, binaryName.indexOf('$')) : binaryName;
        return top.endsWith("Kernels");
    }

    private static Path testClassesRoot() {
        try {
            return Path.of(TestKernelMethods.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
