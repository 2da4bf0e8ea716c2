package org.trm4j.train.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long build on stderr: a line per 10% when stderr is not a terminal (logs stay short),
 * an updating line when it is. {@link #NONE} prints nothing.
 */
public class Progress {
    /** Prints nothing. */
    public static final Progress NONE = new Progress(null, false);

    private final PrintStream out;
    private final boolean terminal;
    private String what = "";
    private long total, done;
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
        finishLine();
        what = stage;
        total = Math.max(stageTotal, 0);
        done = 0;
        lastShown = -1;
        show();
    }

    /** One more step done. */
    public synchronized void step() { advance(1); }

    /** {@code k} more steps done. */
    public synchronized void advance(long k) {
        done += k;
        show();
    }

    /** Ends the stage's line. */
    public synchronized void end() {
        if (out == null) return;
        if (lastShown < 100) { done = total; show(); }
        finishLine();
    }

    private void show() {
        if (out == null) return;
        int pct = total == 0 ? 100 : (int) Math.min(100, done * 100 / total);
        int step = terminal ? 1 : 10;
        if (pct / step == lastShown / step && lastShown >= 0) return;
        lastShown = pct;
        String line = String.format(Locale.ROOT, "%s: %d%% (%,d of %,d)", what, pct, done, total);
        if (terminal) out.print("\r" + line); else out.println(line);
        out.flush();
    }

    private void finishLine() {
        if (out != null && terminal && lastShown >= 0) out.println();
        lastShown = 100;
    }
}
