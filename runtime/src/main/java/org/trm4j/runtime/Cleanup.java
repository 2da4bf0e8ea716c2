package org.trm4j.runtime;

/**
 * Runs every release step of a close() even when some fail, then throws the first failure (the others
 * suppressed): one failing free must not leak the context, queue or modules after it.
 */
public final class Cleanup {
    private RuntimeException first;

    /** Runs {@code step}, remembering its failure instead of stopping. */
    public void run(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (first == null) first = e; else first.addSuppressed(e);
        }
    }

    /** Throws the first failure of the steps run, if any. */
    public void done() {
        if (first != null) throw first;
    }
}
