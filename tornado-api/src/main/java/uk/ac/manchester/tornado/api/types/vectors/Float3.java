package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 3 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Float3(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Float3 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 3;

    private final float[] v = new float[3];

    public Float3() {}

    public Float3(float x, float y, float z) { v[0] = x; v[1] = y; v[2] = z; }

    public float get(int index) { return v[index]; }

    public void set(int index, float value) { v[index] = value; }

    public float getX() { return v[0]; }

    public void setX(float value) { v[0] = value; }

    public float getY() { return v[1]; }

    public void setY(float value) { v[1] = value; }

    public float getZ() { return v[2]; }

    public void setZ(float value) { v[2] = value; }

    public int size() { return 3; }

    /** A copy of the elements. */
    public float[] toArray() { return v.clone(); }

    public Float3 duplicate() { return new Float3(v[0], v[1], v[2]); }

    public static Float3 add(Float3 a, Float3 b) { return new Float3(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2)); }
    public static Float3 sub(Float3 a, Float3 b) { return new Float3(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2)); }
    public static Float3 mult(Float3 a, Float3 b) { return new Float3(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2)); }
    public static Float3 div(Float3 a, Float3 b) { return new Float3(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2)); }
    public static Float3 min(Float3 a, Float3 b) { return new Float3(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2))); }
    public static Float3 max(Float3 a, Float3 b) { return new Float3(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2))); }
    public static Float3 add(Float3 a, float b) { return new Float3(a.get(0) + b, a.get(1) + b, a.get(2) + b); }
    public static Float3 sub(Float3 a, float b) { return new Float3(a.get(0) - b, a.get(1) - b, a.get(2) - b); }
    public static Float3 mult(Float3 a, float b) { return new Float3(a.get(0) * b, a.get(1) * b, a.get(2) * b); }
    public static Float3 div(Float3 a, float b) { return new Float3(a.get(0) / b, a.get(1) / b, a.get(2) / b); }

    /** Sum of the element-wise products. */
    public static float dot(Float3 a, Float3 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2); }

    /** Euclidean length. */
    public static float length(Float3 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float3 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
