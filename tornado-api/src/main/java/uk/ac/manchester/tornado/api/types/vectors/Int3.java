package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 3 ints. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Int3(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
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

    public Int3 duplicate() { return new Int3(v[0], v[1], v[2]); }

    public static Int3 add(Int3 a, Int3 b) { return new Int3(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2)); }
    public static Int3 sub(Int3 a, Int3 b) { return new Int3(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2)); }
    public static Int3 mult(Int3 a, Int3 b) { return new Int3(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2)); }
    public static Int3 div(Int3 a, Int3 b) { return new Int3(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2)); }
    public static Int3 min(Int3 a, Int3 b) { return new Int3(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2))); }
    public static Int3 max(Int3 a, Int3 b) { return new Int3(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2))); }
    public static Int3 add(Int3 a, int b) { return new Int3(a.get(0) + b, a.get(1) + b, a.get(2) + b); }
    public static Int3 sub(Int3 a, int b) { return new Int3(a.get(0) - b, a.get(1) - b, a.get(2) - b); }
    public static Int3 mult(Int3 a, int b) { return new Int3(a.get(0) * b, a.get(1) * b, a.get(2) * b); }
    public static Int3 div(Int3 a, int b) { return new Int3(a.get(0) / b, a.get(1) / b, a.get(2) / b); }

    /** Sum of the element-wise products. */
    public static int dot(Int3 a, Int3 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2); }

    @Override public boolean equals(Object o) { return o instanceof Int3 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
