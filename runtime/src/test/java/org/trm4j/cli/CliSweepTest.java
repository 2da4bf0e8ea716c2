package org.trm4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's commands as a careless user meets them: bad input is one line and a non-zero exit, --help works everywhere. */
class CliSweepTest {

    private static String refused(String... args) { return TrmRun.refusal(args); }

    @Test void sizesThatCannotFitAreRefusedBeforeAllocating() {
        String line = refused("devices", "--check", "--size", "2147483520");
        assertTrue(line.contains("--size") && line.contains("at most --size"), line);
        assertTrue(refused("devices", "--check", "--size", "100").contains("multiple of 128"));
    }

    @Test void badOptionsAndValuesAreOneLine() {
        assertTrue(refused("no-such-command").contains("no-such-command"));
    }

    @Test void kernelsExportOfAMissingClassWritesNothing(@TempDir Path tmp) {
        Path out = tmp.resolve("out");
        String line = refused("kernels", "export", "--target", "opencl", "--out", out.toString(), "--class", "no.such.Kernels");
        assertTrue(line.contains("no.such.Kernels"), line);
        assertFalse(Files.exists(out), "nothing may be written");
        assertTrue(refused("kernels", "export", "--target", "cobol", "--out", out.toString()).contains("cobol"));
        assertFalse(Files.exists(out));
    }

    /** Overloads share one file name: they are skipped and counted once, the other kernels written once each. */
    public static void over(org.trm4j.api.FloatArray a) {}

    public static void over(org.trm4j.api.FloatArray a, int n) {}

    public static void single(org.trm4j.api.FloatArray a) {
        for (@org.trm4j.api.Parallel int i = 0; i < a.getSize(); i++) a.set(i, 1f);
    }

    @Test void overloadedKernelsAreSkippedOnceNotWrittenTwice(@TempDir Path tmp) throws Exception {
        TrmRun r = TrmRun.of("kernels", "export", "--target", "opencl", "--out", tmp.toString(), "--class", CliSweepTest.class.getName());
        assertEquals(0, r.exit(), r.err());
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("CliSweepTest.single.cl"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(1, r.err().lines().filter(l -> l.contains("over: overloaded (2 methods)")).count(), r.err());
        assertTrue(r.out().contains("1 kernel(s) exported"), r.out());
    }

    @ParameterizedTest @ValueSource(strings = {"devices", "kernels", "kernels show", "kernels export"})
    void helpWorksOnEveryCommand(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        TrmRun r = TrmRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: trm " + command), r.out());
        if (command.contains(" ")) return; // `trm help X` is for the top-level commands
        TrmRun viaHelp = TrmRun.of("help", command);
        assertEquals(0, viaHelp.exit(), viaHelp.err());
        assertTrue(viaHelp.out().startsWith("Usage: trm " + command), viaHelp.out());
    }

    @Test void everyRegisteredCommandHasHelp() {
        List<String> missing = new ArrayList<>();
        walk(Trm.commandLine(), missing);
        assertEquals(List.of(), missing, "commands without --help");
    }

    private static void walk(CommandLine c, List<String> missing) {
        if (c.getCommandSpec().optionsMap().get("--help") == null && !c.getCommandName().equals("help")) missing.add(c.getCommandName());
        for (CommandLine sub : c.getSubcommands().values()) walk(sub, missing);
    }
}
