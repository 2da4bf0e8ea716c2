package org.trm4j.backend.spirv;

import org.trm4j.jit.spirv.SpirvTools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * SPIR-V to SPIR 1.2 LLVM bitcode with the Khronos translator ({@code llvm-spirv-15 -r}, Debian
 * package llvm-spirv-15), for drivers that read LLVM bitcode but not SPIR-V. The LLVM version must
 * be one the driver's LLVM reads: PoCL 3.1 is built on LLVM 15. The system property
 * {@code trm.llvmSpirv} names another executable.
 */
public final class LlvmSpirvTranslator {
    public static final String PROPERTY = "trm.llvmSpirv";
    public static final String DEFAULT_TOOL = "llvm-spirv-15";

    private final Path executable;

    private LlvmSpirvTranslator(Path executable) { this.executable = executable; }

    /** The translator, or empty when the executable is not installed. */
    public static Optional<LlvmSpirvTranslator> find() {
        String configured = System.getProperty(PROPERTY, "").trim();
        if (!configured.isEmpty()) {
            Path p = configured.contains("/") ? Path.of(configured) : SpirvTools.find(configured).orElse(null);
            return p != null && Files.isExecutable(p) ? Optional.of(new LlvmSpirvTranslator(p)) : Optional.empty();
        }
        return SpirvTools.find(DEFAULT_TOOL).map(LlvmSpirvTranslator::new);
    }

    /** Why {@link #find()} is empty, for device listings. */
    public static String missingReason() {
        String configured = System.getProperty(PROPERTY, "").trim();
        return configured.isEmpty()
                ? DEFAULT_TOOL + " is not on PATH (apt-get install -y llvm-spirv-15)"
                : "-D" + PROPERTY + "=" + configured + " is not an executable";
    }

    public Path executable() { return executable; }

    /**
     * The module as LLVM bitcode with OpenCL 1.2 built-in calls ({@code --spirv-target-env=CL1.2}),
     * which is the SPIR 1.2 form cl_khr_spir drivers take.
     */
    public byte[] toLlvmBitcode(byte[] spirv, String what) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("trm4j-spirv-");
            Path in = dir.resolve("kernel.spv"), out = dir.resolve("kernel.bc");
            Files.write(in, spirv);
            SpirvTools.Result r = SpirvTools.exec(List.of(executable.toString(), "-r", "--spirv-target-env=CL1.2",
                    "-o", out.toString(), in.toString()));
            if (!r.ok() || !Files.isRegularFile(out))
                throw new IllegalStateException(executable.getFileName() + " -r failed for " + what + " (exit " + r.exitCode() + "): " + r.output().strip());
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + " for " + what + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory: leaving it behind is harmless
        }
    }
}
