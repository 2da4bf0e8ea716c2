package org.trm4j.api;

/**
 * Off-heap array of IEEE 754 half-precision (binary16) numbers, read and written as float: a load widens exactly,
 * a store rounds to nearest even ({@link Float#floatToFloat16}). Usable in kernels on every backend
 * (OpenCL vload_half/vstore_half, PTX cvt, SPIR-V Float16Buffer); arithmetic happens in float.
 */
// Not final: trm4j's TornadoVM bridge gives this storage TornadoVM's HalfFloatArray name by extending it.
public non-sealed class HalfArray extends NativeArray {
    public HalfArray(int size) { super(size, 2); }

    /** Element {@code index}, widened to float. */
    public final float getFloat(int index) {
        checkIndex(index);
        return Float.float16ToFloat(segment.getAtIndex(java.lang.foreign.ValueLayout.JAVA_SHORT, index));
    }

    /** Sets element {@code index} to {@code value} rounded to half precision (nearest even). */
    public final void setFloat(int index, float value) {
        checkIndex(index);
        segment.setAtIndex(java.lang.foreign.ValueLayout.JAVA_SHORT, index, Float.floatToFloat16(value));
    }

    /** The 16 bits of element {@code index}. */
    public final short getBits(int index) {
        checkIndex(index);
        return segment.getAtIndex(java.lang.foreign.ValueLayout.JAVA_SHORT, index);
    }

    public final void setBits(int index, short bits) {
        checkIndex(index);
        segment.setAtIndex(java.lang.foreign.ValueLayout.JAVA_SHORT, index, bits);
    }

    @Override public long elementBytes() { return 2; }

    @Override public String toString() { return "HalfArray[" + size + "]"; }
}
