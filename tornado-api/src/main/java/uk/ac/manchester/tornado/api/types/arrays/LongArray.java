package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of long for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.LongArray}, so trm4j's JIT and every backend use it as that.
 */
public final class LongArray extends org.trm4j.api.LongArray {

    public LongArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static LongArray fromArray(long[] values) {
        LongArray a = new LongArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static LongArray fromElements(long... values) { return fromArray(values); }

    /** A new array holding a copy of the longs in {@code segment}. */
    public static LongArray fromSegment(MemorySegment segment) {
        LongArray a = new LongArray((int) (segment.byteSize() / 8));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 8; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }

    /** A new array with elements [offset, offset + length). */
    public LongArray slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > getSize())
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of an array of " + getSize());
        LongArray a = new LongArray(length);
        MemorySegment.copy(getSegment(), (long) offset * 8, a.getSegment(), 0, (long) length * 8);
        return a;
    }

    /** A new array holding the elements of {@code arrays} one after the other. */
    public static LongArray concat(LongArray... arrays) {
        int n = 0;
        for (LongArray a : arrays) n += a.getSize();
        LongArray out = new LongArray(n);
        long at = 0;
        for (LongArray a : arrays) {
            MemorySegment.copy(a.getSegment(), 0, out.getSegment(), at, a.getNumBytes());
            at += a.getNumBytes();
        }
        return out;
    }
}
