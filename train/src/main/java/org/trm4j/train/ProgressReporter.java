package org.trm4j.train;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The progress display: on a terminal one bar line redrawn in place (step, loss, accuracy, exact, puzzles/s, ETA);
 * otherwise plain lines, at most one every {@code plainEverySeconds} (and always the first and the last step).
 * Evaluations, checkpoints and messages are lines of their own.
 */
public final class ProgressReporter implements TrainerOutput {
    private final PrintStream out;
    private final boolean terminal;
    private final double plainEverySeconds;
    private long lastPlain;
    private boolean barShown;

    public ProgressReporter(PrintStream out, boolean terminal, double plainEverySeconds) {
        this.out = out;
        this.terminal = terminal;
        this.plainEverySeconds = plainEverySeconds;
    }

    @Override public void step(StepReport r) {
        double eta = r.stepSeconds() * (r.totalSteps() - r.step());
        String stats = String.format(Locale.ROOT, "loss %.4f  acc %.4f  exact %.4f  q %.3f  steps %.2f  %.2f puzzles/s  ETA %s",
                r.loss(), r.accuracy(), r.exactAccuracy(), r.qHaltAccuracy(), r.meanSteps(), r.puzzlesPerSecond(), duration(eta));
        if (terminal) {
            int width = 24, filled = (int) (width * r.step() / Math.max(1, r.totalSteps()));
            String bar = "#".repeat(filled) + "-".repeat(width - filled);
            out.print(String.format(Locale.ROOT, "\r[%s] step %d/%d  %s\u001b[K", bar, r.step(), r.totalSteps(), stats));
            out.flush();
            barShown = true;
            if (r.step() == r.totalSteps()) endBar();
        } else {
            long now = System.nanoTime();
            if (r.step() == 1 || r.step() == r.totalSteps() || (now - lastPlain) / 1e9 >= plainEverySeconds) {
                out.println(String.format(Locale.ROOT, "step %d/%d  lr %.3g  lm_loss %.6f  q_halt_loss %.6f  %s", r.step(), r.totalSteps(), r.lr(),
                        r.lmLoss(), r.qHaltLoss(), stats));
                lastPlain = now;
            }
        }
    }

    @Override public void evaluation(long step, Evaluator.Result r) {
        line(String.format(Locale.ROOT, "eval at step %d: %d examples, token accuracy %.4f, exact %.4f, q-halt accuracy %.4f, mean halt step %.2f (%.1f s)",
                step, r.examples(), r.tokenAccuracy(), r.exactAccuracy(), r.qHaltAccuracy(), r.meanHaltStep(), r.seconds()));
    }

    @Override public void checkpoint(long step, Path file) { line("checkpoint at step " + step + ": " + file); }

    @Override public void message(String m) { line(m); }

    private void line(String s) {
        endBar();
        out.println(s);
        out.flush();
    }

    private void endBar() {
        if (barShown) { out.println(); barShown = false; }
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) return "?";
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
