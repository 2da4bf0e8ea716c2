package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 2 ints. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Int2(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
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

    public Int2 duplicate() { return new Int2(v[0], v[1]); }

    public static Int2 add(Int2 a, Int2 b) { return new Int2(a.get(0) + b.get(0), a.get(1) + b.get(1)); }
    public static Int2 sub(Int2 a, Int2 b) { return new Int2(a.get(0) - b.get(0), a.get(1) - b.get(1)); }
    public static Int2 mult(Int2 a, Int2 b) { return new Int2(a.get(0) * b.get(0), a.get(1) * b.get(1)); }
    public static Int2 div(Int2 a, Int2 b) { return new Int2(a.get(0) / b.get(0), a.get(1) / b.get(1)); }
    public static Int2 min(Int2 a, Int2 b) { return new Int2(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1))); }
    public static Int2 max(Int2 a, Int2 b) { return new Int2(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1))); }
    public static Int2 add(Int2 a, int b) { return new Int2(a.get(0) + b, a.get(1) + b); }
    public static Int2 sub(Int2 a, int b) { return new Int2(a.get(0) - b, a.get(1) - b); }
    public static Int2 mult(Int2 a, int b) { return new Int2(a.get(0) * b, a.get(1) * b); }
    public static Int2 div(Int2 a, int b) { return new Int2(a.get(0) / b, a.get(1) / b); }

    /** Sum of the element-wise products. */
    public static int dot(Int2 a, Int2 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1); }

    @Override public boolean equals(Object o) { return o instanceof Int2 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
