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
}
