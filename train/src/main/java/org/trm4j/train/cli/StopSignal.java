package org.trm4j.train.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT/SIGTERM) sets the flag the trainer checks between steps; the shutdown hook then waits (up to 10
 * minutes) until the run is closed, i.e. its checkpoint is saved.
 */
final class StopSignal implements java.util.function.BooleanSupplier, AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;

    StopSignal() {
        hook = new Thread(() -> {
            stop.set(true);
            try {
                done.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "trm-train-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Override public boolean getAsBoolean() { return stop.get(); }

    @Override public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns now that the run is saved
        }
    }
}
