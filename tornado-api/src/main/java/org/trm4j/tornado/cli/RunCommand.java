package org.trm4j.tornado.cli;

import java.io.File;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code trm run --classpath DIRS_OR_JARS MainClass [-- args...]}: runs a user's Java program, such as a TornadoVM
 * program compiled against trm4j's tornado-api bridge, in a JVM whose class path is trm's (trm4j, the bridge and
 * their libraries) followed by the program's. A child JVM rather than a class loader: the program's classes then
 * share trm4j's class loader, which the java backend needs to split @Parallel loops over threads.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs a Java program (e.g. a TornadoVM program compiled against trm4j's tornado-api bridge) "
                + "with trm4j and the bridge on its class path.")
public final class RunCommand implements Callable<Integer> {
    @Option(names = {"--classpath", "-cp"}, required = true, paramLabel = "PATH",
            description = "The program's classes: directories and jars separated by the path separator (':' on Linux).")
    String classpath;

    @Parameters(index = "0", paramLabel = "MAIN_CLASS", description = "The class whose main method runs.")
    String mainClass;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARG",
            description = "Arguments for the program (put them after --).")
    List<String> programArgs = new ArrayList<>();

    @Override public Integer call() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            File f = new File(entry);
            if (!f.exists()) throw new IllegalArgumentException("--classpath entry " + entry + " does not exist");
            urls.add(toUrl(f));
        }
        // Checked here, so that a wrong name is one clear line (the child JVM would print two).
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), RunCommand.class.getClassLoader())) {
            Class<?> main;
            try {
                main = Class.forName(mainClass, false, loader);
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("no class " + mainClass + " on --classpath " + classpath);
            }
            Method m;
            try {
                m = main.getMethod("main", String[].class);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(mainClass + " has no public static void main(String[])");
            }
            if (!Modifier.isStatic(m.getModifiers())) throw new IllegalArgumentException(mainClass + ".main is not static");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        // The vector device (jdk.incubator.vector), and HotSpot compiling its rendered kernels of over 8000 bytes.
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-XX:-DontCompileHugeMethods");
        // trm4j's own settings given to trm (-Dtrm.device=..., -Dtrm.checkBounds=...) hold for the program too.
        for (String key : System.getProperties().stringPropertyNames())
            if (key.startsWith("trm.")) command.add("-D" + key + "=" + System.getProperty(key));
        command.add("-cp");
        command.add(System.getProperty("java.class.path") + File.pathSeparator + classpath);
        command.add(mainClass);
        command.addAll(programArgs);
        Process p = new ProcessBuilder(command).inheritIO().start();
        return p.waitFor();
    }

    private static URL toUrl(File f) {
        try {
            return f.getAbsoluteFile().toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad --classpath entry " + f + ": " + e.getMessage());
        }
    }
}
