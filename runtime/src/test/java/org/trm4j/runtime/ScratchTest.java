package org.trm4j.runtime;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scratch memory: zeroed, aligned, nested, given back at close, never shared between threads. */
class ScratchTest {

    @Test
    void memoryIsZeroedAlignedAndGivenBackAtClose() {
        long first;
        try (Arena a = Scratch.open()) {
            MemorySegment s = a.allocate(JAVA_LONG, 4);
            assertEquals(0, s.address() % 8);
            for (int i = 0; i < 4; i++) assertEquals(0L, s.getAtIndex(JAVA_LONG, i));
            s.setAtIndex(JAVA_LONG, 0, 42L);
            first = s.address();
        }
        try (Arena a = Scratch.open()) {
            MemorySegment s = a.allocate(JAVA_LONG, 4);
            assertEquals(first, s.address(), "the next block reuses the bytes");
            assertEquals(0L, s.get(JAVA_LONG, 0), "and they are zeroed again");
        }
    }

    @Test
    void nestedBlocksDoNotOverlapTheOuterOnesMemory() {
        try (Arena outer = Scratch.open()) {
            MemorySegment o = outer.allocate(JAVA_INT);
            o.set(JAVA_INT, 0, 7);
            try (Arena inner = Scratch.open()) {
                MemorySegment i = inner.allocate(JAVA_INT);
                assertNotEquals(o.address(), i.address());
                i.set(JAVA_INT, 0, 9);
            }
            assertEquals(7, o.get(JAVA_INT, 0));
        }
    }

    @Test
    void aLargeAllocationComesFromItsOwnArena() {
        try (Arena a = Scratch.open()) {
            MemorySegment big = a.allocate(1 << 20, 16);
            assertEquals(1 << 20, big.byteSize());
            big.set(JAVA_INT, (1 << 20) - 4, 5);
            assertEquals(5, big.get(JAVA_INT, (1 << 20) - 4));
        }
    }

    @Test
    void useAfterCloseAndUseFromAnotherThreadAreRefused() throws Exception {
        Arena a = Scratch.open();
        a.close();
        assertThrows(IllegalStateException.class, () -> a.allocate(8));
        try (Arena b = Scratch.open()) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(() -> b.allocate(8)).get());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("used by"));
        }
    }
}
