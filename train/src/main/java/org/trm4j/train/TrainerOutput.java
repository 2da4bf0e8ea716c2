package org.trm4j.train;

import java.nio.file.Path;

/** What a {@link Trainer} reports as it goes (progress display, metrics file, tests). */
public interface TrainerOutput {
    default void step(StepReport r) {}

    default void evaluation(long step, Evaluator.Result r) {}

    default void checkpoint(long step, Path file) {}

    /** A line for the user (start, resume, stop). */
    default void message(String line) {}

    /** Several outputs as one. */
    static TrainerOutput all(TrainerOutput... outs) {
        return new TrainerOutput() {
            @Override public void step(StepReport r) { for (TrainerOutput o : outs) o.step(r); }
            @Override public void evaluation(long step, Evaluator.Result r) { for (TrainerOutput o : outs) o.evaluation(step, r); }
            @Override public void checkpoint(long step, Path file) { for (TrainerOutput o : outs) o.checkpoint(step, file); }
            @Override public void message(String line) { for (TrainerOutput o : outs) o.message(line); }
        };
    }
}
