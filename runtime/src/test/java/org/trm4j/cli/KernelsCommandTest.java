package org.trm4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.jit.spirv.SpirvTools;
import picocli.CommandLine;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** `trm kernels show/export`, run in-process, including a user's kernel compiled into a directory of its own. */
class KernelsCommandTest {

    private record Run(int exit, String out, String err) {}

    private static Run trm(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true));
            System.setErr(new PrintStream(err, true));
            CommandLine cl = new CommandLine(new Trm());
            cl.setExecutionExceptionHandler((e, cmd, parsed) -> { System.err.println("trm: " + e.getMessage()); return 1; });
            int rc = cl.execute(args);
            return new Run(rc, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test void showsEveryTarget() {
        String cls = DemoKernels.class.getName();
        Run cl = trm("kernels", "show", "--class", cls, "--method", "axpySilu", "--target", "opencl");
        assertEquals(0, cl.exit, cl.err);
        assertTrue(cl.out.contains("__kernel") && cl.out.contains("FP_CONTRACT OFF"), cl.out);
        Run ptx = trm("kernels", "show", "--class", cls, "--method", "sumSquares", "--target", "ptx");
        assertTrue(ptx.out.contains(".entry") && ptx.out.contains("bar.sync"), ptx.out);
        Run spv = trm("kernels", "show", "--class", cls, "--method", "sumSquares", "--target", "spirv");
        assertTrue(spv.out.contains("OpControlBarrier"), spv.out);
    }

    @Test void badInputIsOneClearLine() {
        Run noClass = trm("kernels", "show", "--class", "no.such.Kernels", "--method", "m");
        assertEquals(1, noClass.exit);
        assertTrue(noClass.err.contains("class no.such.Kernels not found"), noClass.err);
        Run noMethod = trm("kernels", "show", "--class", DemoKernels.class.getName(), "--method", "nope");
        assertTrue(noMethod.err.contains("axpySilu, sumSquares"), noMethod.err);
        Run badTarget = trm("kernels", "show", "--class", DemoKernels.class.getName(), "--method", "axpySilu", "--target", "verilog");
        assertTrue(badTarget.err.contains("unknown target \"verilog\""), badTarget.err);
    }

    @Test void exportsAUsersOwnKernelsFromTheirClasspath(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src/userpkg/UserKernels.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, """
                package userpkg;
                import org.trm4j.api.*;
                public class UserKernels {
                    public static void scale(FloatArray a, float s) {
                        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) * s);
                    }
                    public static void clampCount(IntArray v, int max) {
                        for (@Parallel int i = 0; i < v.getSize(); i++) v.set(i, Math.min(v.get(i), max));
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), src.toString());
        assertEquals(0, rc, "javac of the user's kernel");

        Path out = dir.resolve("out");
        Run run = trm("kernels", "export", "--target", "spirv", "--out", out.toString(), "--class", "userpkg.UserKernels", "--classpath", classes.toString());
        assertEquals(0, run.exit, run.err);
        List<Path> files;
        try (var s = Files.list(out)) { files = s.sorted().toList(); }
        assertEquals(List.of(out.resolve("UserKernels.clampCount.spv"), out.resolve("UserKernels.scale.spv")), files);
        for (Path f : files) assertTrue(SpirvTools.validate(Files.readAllBytes(f)).ok(), "spirv-val accepts " + f);

        Run ptx = trm("kernels", "export", "--target", "ptx", "--out", out.toString(), "--class", "userpkg.UserKernels", "--classpath", classes.toString());
        assertEquals(0, ptx.exit, ptx.err);
        assertTrue(Files.readString(out.resolve("UserKernels.scale.ptx")).contains(".visible .entry"));
    }

    @Test void exportsTheProjectKernelsByDefault(@TempDir Path dir) {
        Run run = trm("kernels", "export", "--target", "opencl", "--out", dir.toString());
        assertEquals(0, run.exit, run.err);
        assertTrue(Files.exists(dir.resolve("DemoKernels.axpySilu.cl")), run.out);
    }
}
