package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Test;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.Parallel;
import org.trm4j.api.TaskGraph;
import org.trm4j.runtime.SignalChaining;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PoCL and its LLVM replace the JVM's signal handlers; with libjsig preloaded (the test build and ./trm do it) the
 * JVM keeps them, so Java semantics survive a kernel run. Without it an int division by zero in hot Java code
 * returned garbage instead of throwing, and a test JVM died of a bare SIGSEGV (CI, SharedArraysAcrossPlansTest).
 */
class SignalChainingTest {
    private static final int SIGILL = 4, SIGBUS = 7, SIGFPE = 8, SIGSEGV = 11;

    public static void increment(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    static int divide(int a, int b) { return a / b; }

    static int length(String s) { return s.length(); }

    /** Builds and runs a kernel on every OpenCL device: PoCL starts its compiler, which installs its handlers. */
    private static void runAKernelOnEveryOpenClDevice() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray c = new FloatArray(256);
            try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("inc", SignalChainingTest::increment, c)
                    .transferToHost(DataTransferMode.EVERY_EXECUTION, c).snapshot()).withDevice(d)) {
                p.execute();
            }
            assertEquals(1f, c.get(255), d.id());
        }
    }

    @Test
    void theTestJvmRunsWithSignalChaining() {
        assertTrue(SignalChaining.active(), "libjsig is not preloaded: the surefire configuration must set "
                + SignalChaining.preload(Path.of(System.getProperty("java.home"))));
    }

    @Test
    void afterPoclCompiledAndRanAKernelTheJvmStillOwnsItsSignals() {
        runAKernelOnEveryOpenClDevice();
        for (int signal : new int[]{SIGILL, SIGBUS, SIGFPE, SIGSEGV})
            assertTrue(SignalChaining.handlerLibrary(signal).orElse("none").endsWith("libjvm.so"),
                    "signal " + signal + " is handled by " + SignalChaining.handlerLibrary(signal).orElse("none"));
        // Hot enough for C2, whose division and null checks rely on SIGFPE and SIGSEGV.
        int divisionsThrown = 0, nullsThrown = 0, rounds = 200_000;
        for (int i = 0; i < rounds; i++) {
            boolean bad = i % 1000 == 0;
            try {
                divide(i, bad ? 0 : 1);
            } catch (ArithmeticException e) {
                divisionsThrown++;
            }
            try {
                length(bad ? null : "x");
            } catch (NullPointerException e) {
                nullsThrown++;
            }
        }
        assertEquals(rounds / 1000, divisionsThrown, "every int division by zero must throw");
        assertEquals(rounds / 1000, nullsThrown, "every null dereference must throw");
    }

    /** A JVM started without libjsig still runs, and says once what to do when OpenCL loads. */
    @Test
    void aJvmWithoutSignalChainingIsWarnedWhenOpenClLoads() throws Exception {
        OpenClTestSupport.devices();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.trm4j.cli.Trm", "devices");
        pb.environment().remove("LD_PRELOAD");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "trm devices did not finish");
        assertEquals(0, p.exitValue(), output);
        long warnings = output.lines().filter(l -> l.startsWith("trm4j: warning: OpenCL (PoCL) replaces the JVM's signal handlers")).count();
        assertEquals(1, warnings, "one warning naming the remedy:\n" + output);
        assertTrue(output.contains("LD_PRELOAD=" + java.getParent().getParent().resolve("lib") + File.separator + "libjsig.so"), output);
    }
}
