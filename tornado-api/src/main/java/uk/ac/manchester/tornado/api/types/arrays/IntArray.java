package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of int for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.IntArray}, so trm4j's JIT and every backend use it as that.
 */
public class IntArray extends org.trm4j.api.IntArray {

    public IntArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static IntArray fromArray(int[] values) {
        IntArray a = new IntArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static IntArray fromElements(int... values) { return fromArray(values); }

    /** A new array holding a copy of the ints in {@code segment}. */
    public static IntArray fromSegment(MemorySegment segment) {
        IntArray a = new IntArray((int) (segment.byteSize() / 4));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 4; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }

    /** A new array with elements [offset, offset + length). */
    public IntArray slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > getSize())
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of an array of " + getSize());
        IntArray a = new IntArray(length);
        MemorySegment.copy(getSegment(), (long) offset * 4, a.getSegment(), 0, (long) length * 4);
        return a;
    }

    /** A new array holding the elements of {@code arrays} one after the other. */
    public static IntArray concat(IntArray... arrays) {
        int n = 0;
        for (IntArray a : arrays) n += a.getSize();
        IntArray out = new IntArray(n);
        long at = 0;
        for (IntArray a : arrays) {
            MemorySegment.copy(a.getSegment(), 0, out.getSegment(), at, a.getNumBytes());
            at += a.getNumBytes();
        }
        return out;
    }
}
