package org.trm4j.bench;

import org.trm4j.api.Device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Where and when a benchmark ran: machine, load, JDK, date, commit and devices, for the head of RESULTS.md. */
public final class RunInfo {
    private RunInfo() {}

    public static String describe(String command, List<Device> devices, String loadAtStart) {
        StringBuilder sb = new StringBuilder();
        sb.append("Command: `").append(command).append("`, ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"))).append(" UTC")
                .append(", commit ").append(commit()).append(".\n\n");
        sb.append("Machine: ").append(cpu()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append("; JDK ").append(Runtime.version()).append("; load average ").append(loadAtStart)
                .append(" at the start (the end of the report gives it at the end; other processes share these cores: figures of one table ")
                .append("were taken in one run, so its ratios are the claim; absolute numbers move with the load).\n\n");
        sb.append("Devices:\n");
        for (Device d : devices)
            sb.append("- `").append(d.id()).append("`: ").append(d.name()).append(" (").append(d.type()).append(", ").append(d.computeUnits())
                    .append(" compute units, ").append(d.backendVersion()).append(")\n");
        return sb.toString();
    }

    /** The 1-minute load average of /proc/loadavg, or "unknown". */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String memory() {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo")))
                if (l.startsWith("MemTotal:")) return String.format("%.0f GiB", Long.parseLong(l.replaceAll("\\D+", "")) / 1048576.0);
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return "memory unknown";
    }

    /** The checkout's commit (with "+ uncommitted changes" when dirty), or "unknown" outside a git checkout. */
    static String commit() {
        String home = System.getenv("TRM4J_HOME");
        Path dir = home == null ? Path.of("").toAbsolutePath() : Path.of(home);
        String head = git(dir, "rev-parse", "--short=12", "HEAD");
        if (head == null) return "unknown (not a git checkout)";
        String status = git(dir, "status", "--porcelain", "--untracked-files=no");
        return "`" + head + "`" + (status != null && !status.isBlank() ? " + uncommitted changes" : "");
    }

    private static String git(Path dir, String... args) {
        try {
            String[] cmd = new String[args.length + 3];
            cmd[0] = "git";
            cmd[1] = "-C";
            cmd[2] = dir.toString();
            System.arraycopy(args, 0, cmd, 3, args.length);
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
