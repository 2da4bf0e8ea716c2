package org.trm4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.api.Devices;

/**
 * The example project (src/test/resources/example-project, a TornadoVM program whose only dependency is
 * org.trm4j:tornado-api) compiles with javac against the bridge and trm4j's runtime alone, and runs through
 * {@code trm run --classpath ... example.VectorAddAndSum} in a fresh JVM with the class path {@code trm} builds.
 */
class ExampleProjectTest {

    @Test
    void tornadoProgramCompilesAgainstTheBridgeAndRunsThroughTrmRun(@TempDir Path out) throws Exception {
        Path project = Path.of(ExampleProjectTest.class.getResource("/example-project/pom.xml").toURI()).getParent();
        List<String> sources;
        try (Stream<Path> s = Files.walk(project.resolve("src/main/java"))) {
            sources = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        String bridgeOnly = String.join(File.pathSeparator, bridgeClassPath());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> javacArgs = new ArrayList<>(List.of("--release", "25", "-cp", bridgeOnly, "-d", out.toString()));
        javacArgs.addAll(sources);
        assertEquals(0, javac.run(null, null, null, javacArgs.toArray(String[]::new)), "javac of the example project");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", bridgeOnly,
                "org.trm4j.cli.Trm", "run", "--classpath", out.toString(), "example.VectorAddAndSum", "--", "3000");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "trm run did not finish");
        assertEquals(0, p.exitValue(), "trm run failed:\n" + output);
        long okLines = output.lines().filter(l -> l.startsWith("OK ")).count();
        assertEquals(Devices.list().size(), okLines, "one OK line per device:\n" + output);
        assertTrue(output.contains("sum = 4501500.0"), output);
    }

    @Test
    void trmRunNamesAMissingClass(@TempDir Path out) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", String.join(File.pathSeparator, bridgeClassPath()),
                "org.trm4j.cli.Trm", "run", "--classpath", out.toString(), "example.Missing");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), output);
        assertEquals("trm: no class example.Missing on --classpath " + out, output.strip());
    }

    /** What a project depending on org.trm4j:tornado-api gets: the bridge, trm4j's runtime and its libraries (no tests, no JUnit). */
    private static List<String> bridgeClassPath() throws URISyntaxException, IOException {
        List<String> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String n = e.replace('\\', '/');
            if (n.endsWith("tornado-api/target/classes") || n.contains("trm4j-runtime") || n.endsWith("runtime/target/classes")
                    || n.contains("/picocli/")) out.add(e);
        }
        return out;
    }
}
