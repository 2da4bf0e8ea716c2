package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 3 ints. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
 */
public final class Int3 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 3;

    private final int[] v = new int[3];

    public Int3() {}

    public Int3(int x, int y, int z) { v[0] = x; v[1] = y; v[2] = z; }

    public int get(int index) { return v[index]; }

    public void set(int index, int value) { v[index] = value; }

    public int getX() { return v[0]; }
    public void setX(int value) { v[0] = value; }
    public int getY() { return v[1]; }
    public void setY(int value) { v[1] = value; }
    public int getZ() { return v[2]; }
    public void setZ(int value) { v[2] = value; }

    public int size() { return 3; }

    /** A copy of the elements. */
    public int[] toArray() { return v.clone(); }

    public Int3 duplicate() {
        Int3 r = new Int3();
        System.arraycopy(v, 0, r.v, 0, 3);
        return r;
    }

    public static Int3 add(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] + b.v[i]);
        return r;
    }

    public static Int3 sub(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] - b.v[i]);
        return r;
    }

    public static Int3 mult(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] * b.v[i]);
        return r;
    }

    public static Int3 div(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] / b.v[i]);
        return r;
    }

    public static Int3 min(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Int3 max(Int3 a, Int3 b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Int3 add(Int3 a, int b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] + b);
        return r;
    }

    public static Int3 sub(Int3 a, int b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] - b);
        return r;
    }

    public static Int3 mult(Int3 a, int b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] * b);
        return r;
    }

    public static Int3 div(Int3 a, int b) {
        Int3 r = new Int3();
        for (int i = 0; i < 3; i++) r.v[i] = (int) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static int dot(Int3 a, Int3 b) {
        int s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i] * b.v[i];
        return s;
    }

    @Override public boolean equals(Object o) { return o instanceof Int3 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
