package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of short for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.ShortArray}, so trm4j's JIT and every backend use it as that.
 */
public final class ShortArray extends org.trm4j.api.ShortArray {

    public ShortArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static ShortArray fromArray(short[] values) {
        ShortArray a = new ShortArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static ShortArray fromElements(short... values) { return fromArray(values); }

    /** A new array holding a copy of the shorts in {@code segment}. */
    public static ShortArray fromSegment(MemorySegment segment) {
        ShortArray a = new ShortArray((int) (segment.byteSize() / 2));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 2; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }
}
