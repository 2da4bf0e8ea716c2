package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of float for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.FloatArray}, so trm4j's JIT and every backend use it as that.
 */
public class FloatArray extends org.trm4j.api.FloatArray {

    public FloatArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static FloatArray fromArray(float[] values) {
        FloatArray a = new FloatArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static FloatArray fromElements(float... values) { return fromArray(values); }

    /** A new array holding a copy of the floats in {@code segment}. */
    public static FloatArray fromSegment(MemorySegment segment) {
        FloatArray a = new FloatArray((int) (segment.byteSize() / 4));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 4; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }

    /** A new array with elements [offset, offset + length). */
    public FloatArray slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > getSize())
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of an array of " + getSize());
        FloatArray a = new FloatArray(length);
        MemorySegment.copy(getSegment(), (long) offset * 4, a.getSegment(), 0, (long) length * 4);
        return a;
    }

    /** A new array holding the elements of {@code arrays} one after the other. */
    public static FloatArray concat(FloatArray... arrays) {
        int n = 0;
        for (FloatArray a : arrays) n += a.getSize();
        FloatArray out = new FloatArray(n);
        long at = 0;
        for (FloatArray a : arrays) {
            MemorySegment.copy(a.getSegment(), 0, out.getSegment(), at, a.getNumBytes());
            at += a.getNumBytes();
        }
        return out;
    }
}
