package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 4 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Float4(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Float4 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 4;

    private final float[] v = new float[4];

    public Float4() {}

    public Float4(float x, float y, float z, float w) { v[0] = x; v[1] = y; v[2] = z; v[3] = w; }

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

    public int size() { return 4; }

    /** A copy of the elements. */
    public float[] toArray() { return v.clone(); }

    public Float4 duplicate() { return new Float4(v[0], v[1], v[2], v[3]); }

    public static Float4 add(Float4 a, Float4 b) { return new Float4(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2), a.get(3) + b.get(3)); }
    public static Float4 sub(Float4 a, Float4 b) { return new Float4(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2), a.get(3) - b.get(3)); }
    public static Float4 mult(Float4 a, Float4 b) { return new Float4(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2), a.get(3) * b.get(3)); }
    public static Float4 div(Float4 a, Float4 b) { return new Float4(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2), a.get(3) / b.get(3)); }
    public static Float4 min(Float4 a, Float4 b) { return new Float4(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2)), Math.min(a.get(3), b.get(3))); }
    public static Float4 max(Float4 a, Float4 b) { return new Float4(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2)), Math.max(a.get(3), b.get(3))); }
    public static Float4 add(Float4 a, float b) { return new Float4(a.get(0) + b, a.get(1) + b, a.get(2) + b, a.get(3) + b); }
    public static Float4 sub(Float4 a, float b) { return new Float4(a.get(0) - b, a.get(1) - b, a.get(2) - b, a.get(3) - b); }
    public static Float4 mult(Float4 a, float b) { return new Float4(a.get(0) * b, a.get(1) * b, a.get(2) * b, a.get(3) * b); }
    public static Float4 div(Float4 a, float b) { return new Float4(a.get(0) / b, a.get(1) / b, a.get(2) / b, a.get(3) / b); }

    /** Sum of the element-wise products. */
    public static float dot(Float4 a, Float4 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2) + a.get(3) * b.get(3); }

    /** Euclidean length. */
    public static float length(Float4 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float4 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
