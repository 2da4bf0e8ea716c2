package uk.ac.manchester.tornado.api.types.arrays;

import uk.ac.manchester.tornado.api.types.HalfFloat;

/**
 * Off-heap array of 16-bit halves (IEEE 754 binary16), under TornadoVM's name. Part of trm4j's TornadoVM bridge, not
 * TornadoVM: it is trm4j's {@link org.trm4j.api.HalfArray}, so it transfers like any array and kernels may use it on
 * every backend. In a kernel, {@code get(i)} widens to float, HalfFloat arithmetic happens in float, and
 * {@code set(i, h)} rounds to half precision (nearest even).
 */
public final class HalfFloatArray extends org.trm4j.api.HalfArray {

    public HalfFloatArray(int numberOfElements) { super(numberOfElements); }

    public static HalfFloatArray fromArray(HalfFloat[] values) {
        HalfFloatArray a = new HalfFloatArray(values.length);
        for (int i = 0; i < values.length; i++) a.set(i, values[i]);
        return a;
    }

    public static HalfFloatArray fromElements(HalfFloat... values) { return fromArray(values); }

    public HalfFloat get(int index) { return new HalfFloat(getBits(index)); }

    public void set(int index, HalfFloat value) { setBits(index, value.getHalfFloatValue()); }

    public void init(HalfFloat value) { for (int i = 0; i < getSize(); i++) set(i, value); }

    public HalfFloat[] toHeapArray() {
        HalfFloat[] out = new HalfFloat[getSize()];
        for (int i = 0; i < out.length; i++) out[i] = get(i);
        return out;
    }

    public long getNumBytesOfSegment() { return getNumBytes(); }

    public int getElementSize() { return 2; }
}
