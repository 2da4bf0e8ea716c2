package org.trm4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * `trm` run in this JVM with its output captured: for tests of every module's commands and for programs that
 * embed the CLI. Not thread-safe (it swaps System.out and System.err while it runs).
 *
 * @param exit the exit code
 * @param out  standard output
 * @param err  standard error
 */
public record TrmRun(int exit, String out, String err) {

    public static synchronized TrmRun of(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int rc = Trm.execute(args);
            return new TrmRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /**
     * Runs {@code args} and checks that they were refused as a user error must be: a non-zero exit, nothing on
     * standard output, exactly one line on standard error, and no stack-trace text ({@code Exception}, {@code at org.}),
     * escape codes or parser locations (Jackson's "REDACTED"). Returns that line; throws AssertionError otherwise.
     * Every module's CLI tests use it.
     */
    public static String refusal(String... args) {
        TrmRun r = of(args);
        String cmd = "trm " + String.join(" ", args);
        if (r.exit() == 0) throw new AssertionError(cmd + " must fail; out: " + r.out());
        if (!r.out().isEmpty()) throw new AssertionError(cmd + " must print nothing on standard output, printed:\n" + r.out());
        java.util.List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() != 1) throw new AssertionError(cmd + " must say what is wrong in one line, got:\n" + r.err());
        for (String bad : new String[]{"Exception", "at org.", "\u001b[", "REDACTED", "INCLUDE_SOURCE_IN_LOCATION"})
            if (r.err().contains(bad)) throw new AssertionError(cmd + ": the error shows \"" + bad + "\": " + r.err());
        return lines.getFirst();
    }
}
