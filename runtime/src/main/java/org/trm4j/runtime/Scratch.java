package org.trm4j.runtime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Short-lived native memory for calls into drivers (out-parameters, argument values, work sizes): an {@link Arena}
 * that slices a per-thread slab and gives it back at {@link #close}, used as {@code try (Arena a = Scratch.open())}
 * where {@code Arena.ofConfined()} would be.
 *
 * <p>Why not a confined arena: C2 compiles the JDK's memory-segment access code once for every caller, from the
 * profile of every caller. Hot accesses to confined segments (a few per kernel launch) spoil that code for
 * {@code FloatArray}'s automatic segments: measured, the java device's Sudoku-MLP step took 36 s instead of 20 s in
 * a JVM that had also written to confined segments in a loop. The slab's segments are automatic ones, like
 * {@code FloatArray}'s, and a call no longer costs a malloc and a free.
 *
 * <p>Segments must not be used after {@link #close} (a confined arena would throw; here the next call reuses the
 * bytes): keep values, not segments. Opens nest on one thread. Allocations larger than what is left of the slab come
 * from an automatic arena of their own (freed by the garbage collector).
 */
public final class Scratch implements Arena {
    private static final long SLAB_BYTES = 64 * 1024;
    private static final ThreadLocal<Slab> SLABS = ThreadLocal.withInitial(Slab::new);

    /** A thread's slab and how much of it the open scratches use. */
    private static final class Slab {
        final Arena arena = Arena.ofAuto();
        final MemorySegment memory = arena.allocate(SLAB_BYTES, 64);
        long used;
    }

    private final Slab slab;
    private final long mark;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    private Scratch(Slab slab) {
        this.slab = slab;
        this.mark = slab.used;
    }

    /** Scratch memory for the calls of one block on this thread. */
    public static Scratch open() { return new Scratch(SLABS.get()); }

    @Override public MemorySegment allocate(long byteSize, long byteAlignment) {
        if (closed) throw new IllegalStateException("scratch memory used after close");
        if (Thread.currentThread() != owner) throw new IllegalStateException("scratch memory of " + owner + " used by " + Thread.currentThread());
        long start = (slab.used + byteAlignment - 1) & -byteAlignment;
        if (byteAlignment > 64 || start + byteSize > SLAB_BYTES) return Arena.ofAuto().allocate(byteSize, byteAlignment); // rare: big strings, binaries
        slab.used = start + byteSize;
        MemorySegment s = slab.memory.asSlice(start, byteSize);
        return s.fill((byte) 0); // as Arena.allocate promises
    }

    @Override public MemorySegment.Scope scope() { return slab.arena.scope(); }

    /** Gives this block's memory back (and that of any scratch opened inside it and left open). */
    @Override public void close() {
        if (closed) return;
        closed = true;
        slab.used = mark;
    }
}
