package org.trm4j.jit.ptx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * NVIDIA's offline assembler {@code ptxas}, run as a process: checks PTX without a GPU (tests,
 * {@code trm kernels export}) and turns it into a cubin. A refused module throws
 * {@link PtxAssemblyException} with ptxas's log and the numbered module.
 */
public final class PtxAssembler {
    /** Environment variable naming the ptxas executable, when it is not on the PATH. */
    public static final String ENV = "TRM_PTXAS";
    private static final long TIMEOUT_SECONDS = 120;

    private final Path executable;

    public PtxAssembler(Path executable) { this.executable = executable; }

    public Path executable() { return executable; }

    /** ptxas from $TRM_PTXAS, the PATH, $CUDA_HOME/bin or /usr/local/cuda/bin; empty when none is found. */
    public static Optional<PtxAssembler> find() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        String path = System.getenv("PATH");
        if (path != null) for (String dir : path.split(java.io.File.pathSeparator)) if (!dir.isEmpty()) candidates.add(Path.of(dir, "ptxas"));
        String cudaHome = System.getenv("CUDA_HOME");
        if (cudaHome != null) candidates.add(Path.of(cudaHome, "bin", "ptxas"));
        candidates.add(Path.of("/usr/local/cuda/bin/ptxas"));
        for (Path p : candidates) if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(new PtxAssembler(p));
        return Optional.empty();
    }

    /** The result of a successful assembly: the cubin and ptxas's messages (warnings, -v statistics). */
    public record Assembled(byte[] cubin, String log) {}

    /**
     * Assembles {@code ptx} for {@code arch} ("sm_80").
     *
     * @param what names the module in an error ("kernel Foo.bar for sm_80")
     */
    public Assembled assemble(String ptx, String arch, String what) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("trm4j-ptxas");
            Path in = dir.resolve("kernel.ptx"), out = dir.resolve("kernel.cubin");
            Files.writeString(in, ptx, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(executable.toString(), "-arch=" + arch, "-o", out.toString(), in.toString())
                    .redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PtxAssemblyException("ptxas did not finish within " + TIMEOUT_SECONDS + " s on " + what + " for " + arch, "", ptx);
            }
            String log = new String(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !Files.exists(out))
                throw new PtxAssemblyException("ptxas (" + executable + ") refused " + what + " for " + arch + " (exit " + p.exitValue() + ")", log, ptx);
            return new Assembled(Files.readAllBytes(out), log);
        } catch (IOException e) {
            throw new PtxAssemblyException("cannot run ptxas (" + executable + ") on " + what + ": " + e.getMessage(), "", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PtxAssemblyException("interrupted while ptxas assembled " + what, "", null);
        } finally {
            if (dir != null) deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
