package uk.ac.manchester.tornado.api.types;

/**
 * A 16-bit IEEE 754 half-precision number; arithmetic is done in float. Part of trm4j's TornadoVM bridge, not TornadoVM.
 * Kernels may use {@code new HalfFloat(float)}, {@link #getFloat32()} and the static add, sub, mult and div; there a
 * HalfFloat keeps its float value and is rounded to half precision when stored into a HalfFloatArray.
 */
public final class HalfFloat {
    private final short bits;

    public HalfFloat(float value) { this.bits = Float.floatToFloat16(value); }

    public HalfFloat(short halfBits) { this.bits = halfBits; }

    /** The value as a float. */
    public float getFloat32() { return Float.float16ToFloat(bits); }

    /** The 16 bits of the half. */
    public short getHalfFloatValue() { return bits; }

    public static HalfFloat add(HalfFloat a, HalfFloat b) { return new HalfFloat(a.getFloat32() + b.getFloat32()); }

    public static HalfFloat sub(HalfFloat a, HalfFloat b) { return new HalfFloat(a.getFloat32() - b.getFloat32()); }

    public static HalfFloat mult(HalfFloat a, HalfFloat b) { return new HalfFloat(a.getFloat32() * b.getFloat32()); }

    public static HalfFloat div(HalfFloat a, HalfFloat b) { return new HalfFloat(a.getFloat32() / b.getFloat32()); }

    @Override public boolean equals(Object o) { return o instanceof HalfFloat h && h.bits == bits; }

    @Override public int hashCode() { return bits; }

    @Override public String toString() { return Float.toString(getFloat32()); }
}
