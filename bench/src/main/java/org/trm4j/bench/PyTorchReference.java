package org.trm4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference TRM step in PyTorch on this CPU ({@code ref-oracle/oracle.py bench}, run with Debian's python3): the
 * race our devices run against. Its environment is ours, OPENBLAS_CORETYPE included, so both sides use the same BLAS.
 *
 * @param trainMs      median ms of one training step (all H/L cycles, backward, AdamATan2, sign-SGD)
 * @param inferStepMs  median ms of one eval-mode supervision step
 * @param versionLine  the tool's first line (torch version, threads, environment)
 */
public record PyTorchReference(double trainMs, double inferStepMs, String versionLine) {
    private static final int TIMEOUT_MINUTES = 30;
    private static final Pattern MEDIAN = Pattern.compile("^(train|infer) step .*?: median ([0-9.]+) ms", Pattern.MULTILINE);

    /** The oracle: TRM_REF_ORACLE, else ../shared/tools/ref-oracle/oracle.py beside the checkout; empty when absent. */
    public static Optional<Path> oracle() {
        String env = System.getenv("TRM_REF_ORACLE");
        if (env != null) return Optional.of(Path.of(env)).filter(Files::isRegularFile);
        String home = System.getenv("TRM4J_HOME");
        for (Path base : new Path[]{home == null ? null : Path.of(home), Path.of("").toAbsolutePath()}) {
            if (base == null) continue;
            for (Path p = base; p != null; p = p.getParent()) {
                Path o = p.resolve("shared/tools/ref-oracle/oracle.py");
                if (Files.isRegularFile(o)) return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** Runs {@code oracle bench} for {@code preset} at {@code batch}; {@code runs} timed after one warm-up. */
    public static PyTorchReference run(Path oracle, String preset, int batch, int runs, int threads) {
        List<String> cmd = List.of("/usr/bin/python3", oracle.toString(), "bench", "--preset", preset, "--batch", String.valueOf(batch),
                "--threads", String.valueOf(threads), "--runs", String.valueOf(runs), "--warmup", "1");
        String out;
        int rc;
        Path log = null;
        try {
            // Output to a file, so that a hung tool is noticed by the timeout instead of blocking a read.
            log = Files.createTempFile("trm-bench-pytorch", ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("PyTorch reference: no result after " + TIMEOUT_MINUTES + " minutes [" + String.join(" ", cmd) + "]");
            }
            rc = p.exitValue();
            out = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("PyTorch reference: cannot run /usr/bin/python3 (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("PyTorch reference interrupted");
        } finally {
            if (log != null) try { Files.deleteIfExists(log); } catch (IOException ignored) { /* a temp file */ }
        }
        return parse(out, rc, String.join(" ", cmd));
    }

    /** The figures of the tool's output; an exit status other than 0 or a missing line is an error quoting its last line. */
    static PyTorchReference parse(String out, int rc, String cmd) {
        double train = Double.NaN, infer = Double.NaN;
        Matcher m = MEDIAN.matcher(out);
        while (m.find()) {
            if (m.group(1).equals("train")) train = Double.parseDouble(m.group(2));
            else infer = Double.parseDouble(m.group(2));
        }
        if (rc != 0 || Double.isNaN(train) || Double.isNaN(infer)) {
            String last = out.strip().lines().reduce((a, b) -> b).orElse("(no output)");
            throw new IllegalStateException("PyTorch reference failed (exit " + rc + "): " + last + " [" + cmd + "]");
        }
        return new PyTorchReference(train, infer, out.lines().findFirst().orElse(""));
    }
}
