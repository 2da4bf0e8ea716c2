package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 2 ints. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
 */
public final class Int2 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 2;

    private final int[] v = new int[2];

    public Int2() {}

    public Int2(int x, int y) { v[0] = x; v[1] = y; }

    public int get(int index) { return v[index]; }

    public void set(int index, int value) { v[index] = value; }

    public int getX() { return v[0]; }
    public void setX(int value) { v[0] = value; }
    public int getY() { return v[1]; }
    public void setY(int value) { v[1] = value; }

    public int size() { return 2; }

    /** A copy of the elements. */
    public int[] toArray() { return v.clone(); }

    public Int2 duplicate() {
        Int2 r = new Int2();
        System.arraycopy(v, 0, r.v, 0, 2);
        return r;
    }

    public static Int2 add(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] + b.v[i]);
        return r;
    }

    public static Int2 sub(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] - b.v[i]);
        return r;
    }

    public static Int2 mult(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] * b.v[i]);
        return r;
    }

    public static Int2 div(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] / b.v[i]);
        return r;
    }

    public static Int2 min(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Int2 max(Int2 a, Int2 b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Int2 add(Int2 a, int b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] + b);
        return r;
    }

    public static Int2 sub(Int2 a, int b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] - b);
        return r;
    }

    public static Int2 mult(Int2 a, int b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] * b);
        return r;
    }

    public static Int2 div(Int2 a, int b) {
        Int2 r = new Int2();
        for (int i = 0; i < 2; i++) r.v[i] = (int) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static int dot(Int2 a, Int2 b) {
        int s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i] * b.v[i];
        return s;
    }

    @Override public boolean equals(Object o) { return o instanceof Int2 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
