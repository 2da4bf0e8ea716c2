package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of double for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.DoubleArray}, so trm4j's JIT and every backend use it as that.
 */
public class DoubleArray extends org.trm4j.api.DoubleArray {

    public DoubleArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static DoubleArray fromArray(double[] values) {
        DoubleArray a = new DoubleArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static DoubleArray fromElements(double... values) { return fromArray(values); }

    /** A new array holding a copy of the doubles in {@code segment}. */
    public static DoubleArray fromSegment(MemorySegment segment) {
        DoubleArray a = new DoubleArray((int) (segment.byteSize() / 8));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 8; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }

    /** A new array with elements [offset, offset + length). */
    public DoubleArray slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > getSize())
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of an array of " + getSize());
        DoubleArray a = new DoubleArray(length);
        MemorySegment.copy(getSegment(), (long) offset * 8, a.getSegment(), 0, (long) length * 8);
        return a;
    }

    /** A new array holding the elements of {@code arrays} one after the other. */
    public static DoubleArray concat(DoubleArray... arrays) {
        int n = 0;
        for (DoubleArray a : arrays) n += a.getSize();
        DoubleArray out = new DoubleArray(n);
        long at = 0;
        for (DoubleArray a : arrays) {
            MemorySegment.copy(a.getSegment(), 0, out.getSegment(), at, a.getNumBytes());
            at += a.getNumBytes();
        }
        return out;
    }
}
