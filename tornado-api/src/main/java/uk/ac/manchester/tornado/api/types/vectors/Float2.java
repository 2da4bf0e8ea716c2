package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 2 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Float2(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Float2 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 2;

    private final float[] v = new float[2];

    public Float2() {}

    public Float2(float x, float y) { v[0] = x; v[1] = y; }

    public float get(int index) { return v[index]; }

    public void set(int index, float value) { v[index] = value; }

    public float getX() { return v[0]; }

    public void setX(float value) { v[0] = value; }

    public float getY() { return v[1]; }

    public void setY(float value) { v[1] = value; }

    public int size() { return 2; }

    /** A copy of the elements. */
    public float[] toArray() { return v.clone(); }

    public Float2 duplicate() { return new Float2(v[0], v[1]); }

    public static Float2 add(Float2 a, Float2 b) { return new Float2(a.get(0) + b.get(0), a.get(1) + b.get(1)); }
    public static Float2 sub(Float2 a, Float2 b) { return new Float2(a.get(0) - b.get(0), a.get(1) - b.get(1)); }
    public static Float2 mult(Float2 a, Float2 b) { return new Float2(a.get(0) * b.get(0), a.get(1) * b.get(1)); }
    public static Float2 div(Float2 a, Float2 b) { return new Float2(a.get(0) / b.get(0), a.get(1) / b.get(1)); }
    public static Float2 min(Float2 a, Float2 b) { return new Float2(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1))); }
    public static Float2 max(Float2 a, Float2 b) { return new Float2(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1))); }
    public static Float2 add(Float2 a, float b) { return new Float2(a.get(0) + b, a.get(1) + b); }
    public static Float2 sub(Float2 a, float b) { return new Float2(a.get(0) - b, a.get(1) - b); }
    public static Float2 mult(Float2 a, float b) { return new Float2(a.get(0) * b, a.get(1) * b); }
    public static Float2 div(Float2 a, float b) { return new Float2(a.get(0) / b, a.get(1) / b); }

    /** Sum of the element-wise products. */
    public static float dot(Float2 a, Float2 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1); }

    /** Euclidean length. */
    public static float length(Float2 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float2 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
