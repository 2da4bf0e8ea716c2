package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 2 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
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

    public Float2 duplicate() {
        Float2 r = new Float2();
        System.arraycopy(v, 0, r.v, 0, 2);
        return r;
    }

    public static Float2 add(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] + b.v[i]);
        return r;
    }

    public static Float2 sub(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] - b.v[i]);
        return r;
    }

    public static Float2 mult(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] * b.v[i]);
        return r;
    }

    public static Float2 div(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] / b.v[i]);
        return r;
    }

    public static Float2 min(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Float2 max(Float2 a, Float2 b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Float2 add(Float2 a, float b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] + b);
        return r;
    }

    public static Float2 sub(Float2 a, float b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] - b);
        return r;
    }

    public static Float2 mult(Float2 a, float b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] * b);
        return r;
    }

    public static Float2 div(Float2 a, float b) {
        Float2 r = new Float2();
        for (int i = 0; i < 2; i++) r.v[i] = (float) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static float dot(Float2 a, Float2 b) {
        float s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** Euclidean length. */
    public static float length(Float2 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float2 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
