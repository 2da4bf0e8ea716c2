package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 4 ints. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
 */
public final class Int4 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 4;

    private final int[] v = new int[4];

    public Int4() {}

    public Int4(int x, int y, int z, int w) { v[0] = x; v[1] = y; v[2] = z; v[3] = w; }

    public int get(int index) { return v[index]; }

    public void set(int index, int value) { v[index] = value; }

    public int getX() { return v[0]; }
    public void setX(int value) { v[0] = value; }
    public int getY() { return v[1]; }
    public void setY(int value) { v[1] = value; }
    public int getZ() { return v[2]; }
    public void setZ(int value) { v[2] = value; }
    public int getW() { return v[3]; }
    public void setW(int value) { v[3] = value; }

    public int size() { return 4; }

    /** A copy of the elements. */
    public int[] toArray() { return v.clone(); }

    public Int4 duplicate() {
        Int4 r = new Int4();
        System.arraycopy(v, 0, r.v, 0, 4);
        return r;
    }

    public static Int4 add(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] + b.v[i]);
        return r;
    }

    public static Int4 sub(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] - b.v[i]);
        return r;
    }

    public static Int4 mult(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] * b.v[i]);
        return r;
    }

    public static Int4 div(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] / b.v[i]);
        return r;
    }

    public static Int4 min(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Int4 max(Int4 a, Int4 b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Int4 add(Int4 a, int b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] + b);
        return r;
    }

    public static Int4 sub(Int4 a, int b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] - b);
        return r;
    }

    public static Int4 mult(Int4 a, int b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] * b);
        return r;
    }

    public static Int4 div(Int4 a, int b) {
        Int4 r = new Int4();
        for (int i = 0; i < 4; i++) r.v[i] = (int) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static int dot(Int4 a, Int4 b) {
        int s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i] * b.v[i];
        return s;
    }

    @Override public boolean equals(Object o) { return o instanceof Int4 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
