package org.trm4j.train.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long build on stderr. Not a terminal: a line per 10% once a stage has run a second (short stages stay
 * quiet), and one "done" line per stage. A terminal: one updating line. {@link #NONE} prints nothing.
 */
public class Progress {
    /** Prints nothing. */
    public static final Progress NONE = new Progress(null, false);

    private static final long QUIET_NANOS = 1_000_000_000L;
    private final PrintStream out;
    private final boolean terminal;
    private String what = "";
    private long total, done, startNanos;
    private int lastShown = -1;

    private Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress printed to {@code out}; {@code terminal} picks the updating-line form. */
    public static Progress to(PrintStream out, boolean terminal) { return new Progress(out, terminal); }

    /** Progress on stderr, as a terminal line when there is a console. */
    public static Progress stderr() { return new Progress(System.err, System.console() != null); }

    /** Starts a stage of {@code total} steps. */
    public synchronized void start(String stage, long stageTotal) {
        what = stage;
        total = Math.max(stageTotal, 0);
        done = 0;
        lastShown = -1;
        startNanos = System.nanoTime();
    }

    /** One more step done. */
    public synchronized void step() { advance(1); }

    /** {@code k} more steps done. */
    public synchronized void advance(long k) {
        done += k;
        if (out == null || System.nanoTime() - startNanos < QUIET_NANOS) return;
        int pct = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int step = terminal ? 1 : 10;
        if (lastShown >= 0 && pct / step == lastShown / step) return;
        lastShown = pct;
        String line = String.format(Locale.ROOT, "%s: %d%% (%,d of %,d)", what, pct, done, total);
        if (terminal) out.print("\r" + line); else out.println(line);
        out.flush();
    }

    /** Ends the stage with one line: what was done and how long it took. */
    public synchronized void end() {
        if (out == null) return;
        String line = String.format(Locale.ROOT, "%s: done, %,d in %.1f s", what, done, (System.nanoTime() - startNanos) / 1e9);
        out.print(terminal && lastShown >= 0 ? "\r" + line + "\n" : line + "\n");
        out.flush();
    }
}
