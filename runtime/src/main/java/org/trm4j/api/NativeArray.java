package org.trm4j.api;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Base of the off-heap arrays: a {@link MemorySegment} the devices copy from and to directly.
 * Memory is freed when the array becomes unreachable (automatic arena).
 */
public abstract sealed class NativeArray permits FloatArray, IntArray, DoubleArray, ByteArray, LongArray, HalfArray, ShortArray, CharArray {
    /** Device buffers are aligned like this so that vector loads and DMA engines are happy. */
    static final long ALIGNMENT = 64;

    protected final MemorySegment segment;
    protected final int size;

    protected NativeArray(int size, long elementBytes) {
        if (size < 0) throw new IllegalArgumentException("array size must be >= 0, got " + size);
        this.size = size;
        this.segment = Arena.ofAuto().allocate(Math.max(1, size) * elementBytes, ALIGNMENT);
    }

    /** Number of elements. */
    public final int getSize() { return size; }

    /** The off-heap memory holding the elements (native byte order). */
    public final MemorySegment getSegment() { return segment; }

    /** Bytes used by the elements. */
    public final long getNumBytes() { return size * elementBytes(); }

    public abstract long elementBytes();

    /** Fills every element with zero bits. */
    public final void clear() { segment.fill((byte) 0); }

    protected final void checkIndex(int i) {
        // Objects.checkIndex is C2's intrinsic range check: hoisted out of loops like an array's, so that a kernel's
        // loops over these arrays vectorise on the java device (an explicit compare measured 2-3x slower, unvectorised).
        try {
            Objects.checkIndex(i, size);
        } catch (IndexOutOfBoundsException e) {
            throw KernelIndexOutOfBoundsException.of(this, i, size);
        }
    }
}
