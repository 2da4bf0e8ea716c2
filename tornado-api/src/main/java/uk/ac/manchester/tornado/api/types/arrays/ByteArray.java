package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of byte for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.ByteArray}, so trm4j's JIT and every backend use it as that.
 */
public final class ByteArray extends org.trm4j.api.ByteArray {

    public ByteArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static ByteArray fromArray(byte[] values) {
        ByteArray a = new ByteArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static ByteArray fromElements(byte... values) { return fromArray(values); }

    /** A new array holding a copy of the bytes in {@code segment}. */
    public static ByteArray fromSegment(MemorySegment segment) {
        ByteArray a = new ByteArray((int) (segment.byteSize() / 1));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 1; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }

    /** A new array with elements [offset, offset + length). */
    public ByteArray slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > getSize())
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + (offset + length) + ") of an array of " + getSize());
        ByteArray a = new ByteArray(length);
        MemorySegment.copy(getSegment(), (long) offset * 1, a.getSegment(), 0, (long) length * 1);
        return a;
    }

    /** A new array holding the elements of {@code arrays} one after the other. */
    public static ByteArray concat(ByteArray... arrays) {
        int n = 0;
        for (ByteArray a : arrays) n += a.getSize();
        ByteArray out = new ByteArray(n);
        long at = 0;
        for (ByteArray a : arrays) {
            MemorySegment.copy(a.getSegment(), 0, out.getSegment(), at, a.getNumBytes());
            at += a.getNumBytes();
        }
        return out;
    }
}
