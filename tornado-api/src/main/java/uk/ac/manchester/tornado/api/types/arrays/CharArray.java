package uk.ac.manchester.tornado.api.types.arrays;

import java.lang.foreign.MemorySegment;

/**
 * Off-heap array of char for kernels, under TornadoVM's name. Part of trm4j's TornadoVM bridge, not TornadoVM: it is
 * trm4j's {@link org.trm4j.api.CharArray}, so trm4j's JIT and every backend use it as that.
 */
public final class CharArray extends org.trm4j.api.CharArray {

    public CharArray(int numberOfElements) { super(numberOfElements); }

    /** A new array holding a copy of {@code values}. */
    public static CharArray fromArray(char[] values) {
        CharArray a = new CharArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static CharArray fromElements(char... values) { return fromArray(values); }

    /** A new array holding a copy of the chars in {@code segment}. */
    public static CharArray fromSegment(MemorySegment segment) {
        CharArray a = new CharArray((int) (segment.byteSize() / 2));
        MemorySegment.copy(segment, 0, a.getSegment(), 0, a.getNumBytes());
        return a;
    }

    /** Bytes of one element. */
    public int getElementSize() { return 2; }

    /** Bytes of the data (trm4j keeps no header in front of it). */
    public long getNumBytesOfSegment() { return getNumBytes(); }
}
