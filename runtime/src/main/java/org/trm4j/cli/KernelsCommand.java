package org.trm4j.cli;

import org.trm4j.jit.CodeTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** `trm kernels ...`: look at the code the JIT generates. */
@Command(name = "kernels", description = "Show the code generated for kernels.",
        subcommands = {KernelsCommand.Show.class, KernelsCommand.Export.class})
final class KernelsCommand implements Runnable {
    @Override public void run() { new picocli.CommandLine(this).usage(System.out); }

    @Command(name = "show", description = "Print the generated code of one kernel method.")
    static final class Show implements Runnable {
        @Option(names = "--class", required = true, description = "Fully qualified class holding the kernel.")
        String className;
        @Option(names = "--method", required = true, description = "Static kernel method name.")
        String methodName;
        @Option(names = "--target", defaultValue = "opencl", description = "opencl, ptx, spirv, jvm (the vector device's loop report) or ir (default: ${DEFAULT-VALUE}).")
        String target;
        @Option(names = "--classpath", description = "Where the class lives when it is not part of trm4j (jars or directories, ':'-separated).")
        String classpath;

        @Override public void run() {
            CodeTarget t = CodeTarget.parse(target);
            System.out.print(t.show(kernelMethod(loadClass(className, classpath), methodName)));
        }
    }

    @Command(name = "export", description = "Write the generated code of kernels to files, for offline compilers (FPGA toolchains, ptxas).")
    static final class Export implements Runnable {
        @Option(names = "--target", required = true, description = "opencl, ptx, spirv or jvm (class files for javap).")
        String target;
        @Option(names = "--out", required = true, description = "Output directory (created if missing).")
        Path out;
        @Option(names = "--class", description = "Export the kernels of this class only (default: every kernel class of trm4j).")
        String className;
        @Option(names = "--classpath", description = "Where --class lives when it is not part of trm4j.")
        String classpath;

        @Override public void run() {
            CodeTarget t = CodeTarget.parse(target);
            List<Class<?>> classes = className != null ? List.of(loadClass(className, classpath)) : ProjectKernels.classes();
            int written = 0, refused = 0;
            try {
                Files.createDirectories(out);
                for (Class<?> c : classes) {
                    Map<String, List<Method>> byName = kernelMethods(c).stream()
                            .collect(Collectors.groupingBy(Method::getName, TreeMap::new, Collectors.toList()));
                    for (List<Method> named : byName.values()) {
                        Method m = named.getFirst();
                        if (named.size() > 1) {
                            // One file per kernel name: an overloaded name is no kernel (the JIT could not tell which).
                            System.err.println("skipped " + c.getSimpleName() + "." + m.getName() + ": overloaded (" + named.size()
                                    + " methods); kernels must have unique names");
                            refused++;
                            continue;
                        }
                        Path file = out.resolve(c.getSimpleName() + "." + m.getName() + "." + t.extension);
                        try {
                            Files.write(file, t.export(m));
                            System.out.println("wrote " + file);
                            written++;
                        } catch (RuntimeException e) {
                            // A helper method of a kernel class need not be a kernel: say why it was left out.
                            System.err.println("skipped " + c.getSimpleName() + "." + m.getName() + ": " + e.getMessage());
                            refused++;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot write to " + out + ": " + e.getMessage(), e);
            }
            System.out.println(written + " kernel(s) exported to " + out + (refused > 0 ? ", " + refused + " method(s) skipped (see above)" : ""));
            if (written == 0) throw new IllegalStateException("no kernel exported");
        }
    }

    /** The public static void methods of a class: the candidates for kernels. */
    static List<Method> kernelMethods(Class<?> c) {
        return Arrays.stream(c.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && Modifier.isPublic(m.getModifiers()) && m.getReturnType() == void.class && !m.isSynthetic())
                .sorted(java.util.Comparator.comparing(Method::getName)).toList();
    }

    static Class<?> loadClass(String name, String classpath) {
        ClassLoader loader = KernelsCommand.class.getClassLoader();
        if (classpath != null) {
            List<URL> urls = new ArrayList<>();
            for (String p : classpath.split(File.pathSeparator)) {
                if (p.isBlank()) continue;
                Path path = Path.of(p);
                if (!Files.exists(path)) throw new IllegalArgumentException("--classpath entry does not exist: " + p);
                try { urls.add(path.toUri().toURL()); } catch (MalformedURLException e) { throw new IllegalArgumentException(e); }
            }
            loader = new URLClassLoader(urls.toArray(URL[]::new), loader);
        }
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("class " + name + " not found" + (classpath == null ? " (use --classpath for your own classes)" : " on " + classpath));
        }
    }

    /** The static void method of that name; overloads are an error that lists them. */
    static Method kernelMethod(Class<?> owner, String name) {
        List<Method> found = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers())).toList();
        if (found.size() == 1) return found.getFirst();
        String kernels = Arrays.stream(owner.getDeclaredMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class && !m.isSynthetic())
                .map(Method::getName).distinct().sorted().collect(Collectors.joining(", "));
        if (found.isEmpty()) throw new IllegalArgumentException("no static method " + name + " in " + owner.getName() + "; static void methods: " + kernels);
        throw new IllegalArgumentException(name + " is overloaded in " + owner.getName() + " (" + found.size() + " methods); kernels must have unique names");
    }
}
