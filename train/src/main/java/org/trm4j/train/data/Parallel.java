package org.trm4j.train.data;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Runs independent per-index work on the common pool; a failure surfaces as the exception the work threw. */
final class Parallel {
    private Parallel() {}

    /** Calls {@code body} for 0..n-1 in parallel; rethrows the original exception (the pool wraps ones from other threads). */
    static void forEach(int n, IntConsumer body) {
        try {
            IntStream.range(0, n).parallel().forEach(body);
        } catch (RuntimeException e) {
            // ForkJoin rethrows a copy whose message is the original's toString(); hand back the original.
            if (e.getCause() instanceof RuntimeException cause && cause.getClass() == e.getClass()) throw cause;
            throw e;
        }
    }
}
