package org.trm4j.backend.java;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A barrier for the work-items of one emulated work-group (or the whole grid), each on its own virtual
 * thread. Lighter than CyclicBarrier: no lock, arrivals are one atomic increment, the last arriver opens
 * the next phase and unparks the others. Each party registers its thread once, under its fixed index,
 * before it first waits, so the last arriver always finds every waiter.
 */
final class ItemBarrier {
    private final Thread[] waiters;
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile int phase;
    private volatile boolean broken;

    ItemBarrier(int parties) { waiters = new Thread[parties]; }

    /** Records the calling thread as party {@code index}; call before the party's first await. */
    void register(int index) { waiters[index] = Thread.currentThread(); }

    /** Waits until all parties have arrived; throws when another party broke the barrier. */
    void await() {
        int p = phase;
        if (arrived.incrementAndGet() == waiters.length) {
            arrived.set(0);
            phase = p + 1;
            wakeAll();
            return;
        }
        while (phase == p) {
            if (broken) throw new BrokenException();
            LockSupport.park(this);
        }
    }

    /** Releases every waiter with an error (a work-item failed, the others must not wait forever). */
    void breakBarrier() {
        broken = true;
        wakeAll();
    }

    /** Thrown in the work-items still waiting when another one failed; not the failure itself. */
    static final class BrokenException extends RuntimeException {
        BrokenException() { super("barrier broken: another work-item failed", null, false, false); }
    }

    private void wakeAll() {
        Thread self = Thread.currentThread();
        for (Thread t : waiters) if (t != null && t != self) LockSupport.unpark(t);
    }
}
