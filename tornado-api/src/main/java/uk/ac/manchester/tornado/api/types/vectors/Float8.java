package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 8 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Float8(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Float8 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 8;

    private final float[] v = new float[8];

    public Float8() {}

    public Float8(float x, float y, float z, float w, float s4, float s5, float s6, float s7) { v[0] = x; v[1] = y; v[2] = z; v[3] = w; v[4] = s4; v[5] = s5; v[6] = s6; v[7] = s7; }

    public float get(int index) { return v[index]; }

    public void set(int index, float value) { v[index] = value; }

    public float getX() { return v[0]; }

    public void setX(float value) { v[0] = value; }

    public float getY() { return v[1]; }

    public void setY(float value) { v[1] = value; }

    public float getZ() { return v[2]; }

    public void setZ(float value) { v[2] = value; }

    public float getW() { return v[3]; }

    public void setW(float value) { v[3] = value; }

    public float getS4() { return v[4]; }

    public void setS4(float value) { v[4] = value; }

    public float getS5() { return v[5]; }

    public void setS5(float value) { v[5] = value; }

    public float getS6() { return v[6]; }

    public void setS6(float value) { v[6] = value; }

    public float getS7() { return v[7]; }

    public void setS7(float value) { v[7] = value; }

    public int size() { return 8; }

    /** A copy of the elements. */
    public float[] toArray() { return v.clone(); }

    public Float8 duplicate() { return new Float8(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]); }

    public static Float8 add(Float8 a, Float8 b) { return new Float8(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2), a.get(3) + b.get(3), a.get(4) + b.get(4), a.get(5) + b.get(5), a.get(6) + b.get(6), a.get(7) + b.get(7)); }
    public static Float8 sub(Float8 a, Float8 b) { return new Float8(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2), a.get(3) - b.get(3), a.get(4) - b.get(4), a.get(5) - b.get(5), a.get(6) - b.get(6), a.get(7) - b.get(7)); }
    public static Float8 mult(Float8 a, Float8 b) { return new Float8(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2), a.get(3) * b.get(3), a.get(4) * b.get(4), a.get(5) * b.get(5), a.get(6) * b.get(6), a.get(7) * b.get(7)); }
    public static Float8 div(Float8 a, Float8 b) { return new Float8(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2), a.get(3) / b.get(3), a.get(4) / b.get(4), a.get(5) / b.get(5), a.get(6) / b.get(6), a.get(7) / b.get(7)); }
    public static Float8 min(Float8 a, Float8 b) { return new Float8(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2)), Math.min(a.get(3), b.get(3)), Math.min(a.get(4), b.get(4)), Math.min(a.get(5), b.get(5)), Math.min(a.get(6), b.get(6)), Math.min(a.get(7), b.get(7))); }
    public static Float8 max(Float8 a, Float8 b) { return new Float8(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2)), Math.max(a.get(3), b.get(3)), Math.max(a.get(4), b.get(4)), Math.max(a.get(5), b.get(5)), Math.max(a.get(6), b.get(6)), Math.max(a.get(7), b.get(7))); }
    public static Float8 add(Float8 a, float b) { return new Float8(a.get(0) + b, a.get(1) + b, a.get(2) + b, a.get(3) + b, a.get(4) + b, a.get(5) + b, a.get(6) + b, a.get(7) + b); }
    public static Float8 sub(Float8 a, float b) { return new Float8(a.get(0) - b, a.get(1) - b, a.get(2) - b, a.get(3) - b, a.get(4) - b, a.get(5) - b, a.get(6) - b, a.get(7) - b); }
    public static Float8 mult(Float8 a, float b) { return new Float8(a.get(0) * b, a.get(1) * b, a.get(2) * b, a.get(3) * b, a.get(4) * b, a.get(5) * b, a.get(6) * b, a.get(7) * b); }
    public static Float8 div(Float8 a, float b) { return new Float8(a.get(0) / b, a.get(1) / b, a.get(2) / b, a.get(3) / b, a.get(4) / b, a.get(5) / b, a.get(6) / b, a.get(7) / b); }

    /** Sum of the element-wise products. */
    public static float dot(Float8 a, Float8 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2) + a.get(3) * b.get(3) + a.get(4) * b.get(4) + a.get(5) * b.get(5) + a.get(6) * b.get(6) + a.get(7) * b.get(7); }

    /** Euclidean length. */
    public static float length(Float8 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float8 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
