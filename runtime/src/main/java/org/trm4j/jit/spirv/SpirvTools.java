package org.trm4j.jit.spirv;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The SPIRV-Tools command-line programs (Debian package spirv-tools): {@code spirv-val} checks a
 * module against the OpenCL environment's rules, {@code spirv-dis} turns it into text for people.
 * Missing tools are an {@link IllegalStateException} saying what to install, never a silent pass.
 */
public final class SpirvTools {
    private SpirvTools() {}

    /**
     * The validation environment: OpenCL 2.1 is the first OpenCL that takes SPIR-V, with version 1.0
     * modules, which is what the renderer writes.
     */
    public static final String TARGET_ENV = "opencl2.1";
    private static final long TIMEOUT_SECONDS = 60;

    /** What a tool said: its exit status and its stdout and stderr together. */
    public record Result(int exitCode, String output) {
        public boolean ok() { return exitCode == 0; }
    }

    /** Runs spirv-val on {@code module}; a result that is not ok carries the validator's message. */
    public static Result validate(byte[] module) {
        // spirv-val's OpenCL environments refuse Int64Atomics outright (it comes with the device extension
        // cl_khr_int64_base_atomics, which the validator cannot know): such modules get SPIR-V 1.0's own rules.
        return run("spirv-val", module, "--target-env", declares(module, Spv.Capability.Int64Atomics) ? "spv1.0" : TARGET_ENV);
    }

    /** Whether the module's header declares {@code OpCapability capability}. */
    static boolean declares(byte[] module, int capability) {
        java.nio.ByteBuffer words = java.nio.ByteBuffer.wrap(module).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int at = 20; at + 8 <= module.length; ) {
            int first = words.getInt(at), count = first >>> 16;
            if ((first & 0xFFFF) == Spv.Op.Capability && count == 2 && words.getInt(at + 4) == capability) return true;
            if (count == 0) return false;
            at += 4 * count;
        }
        return false;
    }

    /** Validates and throws {@link InvalidSpirvException} with the validator's message and the disassembly when invalid. */
    public static void requireValid(byte[] module, String what) {
        Result r = validate(module);
        if (!r.ok()) {
            String dis;
            try {
                dis = disassemble(module);
            } catch (RuntimeException e) {
                dis = "(no disassembly: " + e.getMessage() + ")";
            }
            throw new InvalidSpirvException("spirv-val rejected the SPIR-V of " + what + ":\n" + r.output().strip()
                    + "\n--- disassembly ---\n" + dis, r.output());
        }
    }

    /** The module as SPIR-V assembly text (with friendly names from OpName). */
    public static String disassemble(byte[] module) {
        Result r = run("spirv-dis", module, "--no-color");
        if (!r.ok()) throw new IllegalStateException("spirv-dis failed (exit " + r.exitCode() + "): " + r.output().strip());
        return r.output();
    }

    /** True when {@code tool} (e.g. "spirv-val") is an executable on PATH. */
    public static boolean available(String tool) { return find(tool).isPresent(); }

    /** The executable named {@code tool} on PATH. */
    public static Optional<Path> find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Writes {@code module} to a temporary file and runs {@code tool args... file}. */
    private static Result run(String tool, byte[] module, String... args) {
        Path exe = find(tool).orElseThrow(() -> new IllegalStateException(
                tool + " is not on PATH: install the Debian package spirv-tools (apt-get install -y spirv-tools)"));
        Path file = null;
        try {
            file = Files.createTempFile("trm4j-", ".spv");
            Files.write(file, module);
            List<String> cmd = new ArrayList<>();
            cmd.add(exe.toString());
            cmd.addAll(List.of(args));
            cmd.add(file.toString());
            return exec(cmd);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + tool + ": " + e.getMessage(), e);
        } finally {
            if (file != null) try { Files.deleteIfExists(file); } catch (IOException ignored) { /* a temp file */ }
        }
    }

    /** Runs a command to completion (with a timeout) and returns its exit status and merged output. */
    public static Result exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes(); // ends when the process closes its output
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for " + command.getFirst(), e);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
