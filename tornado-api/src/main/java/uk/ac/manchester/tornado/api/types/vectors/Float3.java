package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 3 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
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

    public Float3 duplicate() {
        Float3 r = new Float3();
        System.arraycopy(v, 0, r.v, 0, 3);
        return r;
    }

    public static Float3 add(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] + b.v[i]);
        return r;
    }

    public static Float3 sub(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] - b.v[i]);
        return r;
    }

    public static Float3 mult(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] * b.v[i]);
        return r;
    }

    public static Float3 div(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] / b.v[i]);
        return r;
    }

    public static Float3 min(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Float3 max(Float3 a, Float3 b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Float3 add(Float3 a, float b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] + b);
        return r;
    }

    public static Float3 sub(Float3 a, float b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] - b);
        return r;
    }

    public static Float3 mult(Float3 a, float b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] * b);
        return r;
    }

    public static Float3 div(Float3 a, float b) {
        Float3 r = new Float3();
        for (int i = 0; i < 3; i++) r.v[i] = (float) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static float dot(Float3 a, Float3 b) {
        float s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** Euclidean length. */
    public static float length(Float3 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float3 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
