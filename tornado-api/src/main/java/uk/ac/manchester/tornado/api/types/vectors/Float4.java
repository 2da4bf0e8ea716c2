package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 4 floats. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
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

    public Float4 duplicate() {
        Float4 r = new Float4();
        System.arraycopy(v, 0, r.v, 0, 4);
        return r;
    }

    public static Float4 add(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] + b.v[i]);
        return r;
    }

    public static Float4 sub(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] - b.v[i]);
        return r;
    }

    public static Float4 mult(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] * b.v[i]);
        return r;
    }

    public static Float4 div(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] / b.v[i]);
        return r;
    }

    public static Float4 min(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Float4 max(Float4 a, Float4 b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Float4 add(Float4 a, float b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] + b);
        return r;
    }

    public static Float4 sub(Float4 a, float b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] - b);
        return r;
    }

    public static Float4 mult(Float4 a, float b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] * b);
        return r;
    }

    public static Float4 div(Float4 a, float b) {
        Float4 r = new Float4();
        for (int i = 0; i < 4; i++) r.v[i] = (float) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static float dot(Float4 a, Float4 b) {
        float s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** Euclidean length. */
    public static float length(Float4 a) { return (float) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Float4 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
