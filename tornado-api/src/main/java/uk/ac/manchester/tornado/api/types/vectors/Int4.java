package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 4 ints. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Int4(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
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

    public Int4 duplicate() { return new Int4(v[0], v[1], v[2], v[3]); }

    public static Int4 add(Int4 a, Int4 b) { return new Int4(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2), a.get(3) + b.get(3)); }
    public static Int4 sub(Int4 a, Int4 b) { return new Int4(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2), a.get(3) - b.get(3)); }
    public static Int4 mult(Int4 a, Int4 b) { return new Int4(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2), a.get(3) * b.get(3)); }
    public static Int4 div(Int4 a, Int4 b) { return new Int4(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2), a.get(3) / b.get(3)); }
    public static Int4 min(Int4 a, Int4 b) { return new Int4(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2)), Math.min(a.get(3), b.get(3))); }
    public static Int4 max(Int4 a, Int4 b) { return new Int4(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2)), Math.max(a.get(3), b.get(3))); }
    public static Int4 add(Int4 a, int b) { return new Int4(a.get(0) + b, a.get(1) + b, a.get(2) + b, a.get(3) + b); }
    public static Int4 sub(Int4 a, int b) { return new Int4(a.get(0) - b, a.get(1) - b, a.get(2) - b, a.get(3) - b); }
    public static Int4 mult(Int4 a, int b) { return new Int4(a.get(0) * b, a.get(1) * b, a.get(2) * b, a.get(3) * b); }
    public static Int4 div(Int4 a, int b) { return new Int4(a.get(0) / b, a.get(1) / b, a.get(2) / b, a.get(3) / b); }

    /** Sum of the element-wise products. */
    public static int dot(Int4 a, Int4 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2) + a.get(3) * b.get(3); }

    @Override public boolean equals(Object o) { return o instanceof Int4 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
