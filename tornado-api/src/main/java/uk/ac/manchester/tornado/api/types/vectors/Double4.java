package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 4 doubles. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Double4(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Double4 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 4;

    private final double[] v = new double[4];

    public Double4() {}

    public Double4(double x, double y, double z, double w) { v[0] = x; v[1] = y; v[2] = z; v[3] = w; }

    public double get(int index) { return v[index]; }

    public void set(int index, double value) { v[index] = value; }

    public double getX() { return v[0]; }

    public void setX(double value) { v[0] = value; }

    public double getY() { return v[1]; }

    public void setY(double value) { v[1] = value; }

    public double getZ() { return v[2]; }

    public void setZ(double value) { v[2] = value; }

    public double getW() { return v[3]; }

    public void setW(double value) { v[3] = value; }

    public int size() { return 4; }

    /** A copy of the elements. */
    public double[] toArray() { return v.clone(); }

    public Double4 duplicate() { return new Double4(v[0], v[1], v[2], v[3]); }

    public static Double4 add(Double4 a, Double4 b) { return new Double4(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2), a.get(3) + b.get(3)); }
    public static Double4 sub(Double4 a, Double4 b) { return new Double4(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2), a.get(3) - b.get(3)); }
    public static Double4 mult(Double4 a, Double4 b) { return new Double4(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2), a.get(3) * b.get(3)); }
    public static Double4 div(Double4 a, Double4 b) { return new Double4(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2), a.get(3) / b.get(3)); }
    public static Double4 min(Double4 a, Double4 b) { return new Double4(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2)), Math.min(a.get(3), b.get(3))); }
    public static Double4 max(Double4 a, Double4 b) { return new Double4(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2)), Math.max(a.get(3), b.get(3))); }
    public static Double4 add(Double4 a, double b) { return new Double4(a.get(0) + b, a.get(1) + b, a.get(2) + b, a.get(3) + b); }
    public static Double4 sub(Double4 a, double b) { return new Double4(a.get(0) - b, a.get(1) - b, a.get(2) - b, a.get(3) - b); }
    public static Double4 mult(Double4 a, double b) { return new Double4(a.get(0) * b, a.get(1) * b, a.get(2) * b, a.get(3) * b); }
    public static Double4 div(Double4 a, double b) { return new Double4(a.get(0) / b, a.get(1) / b, a.get(2) / b, a.get(3) / b); }

    /** Sum of the element-wise products. */
    public static double dot(Double4 a, Double4 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2) + a.get(3) * b.get(3); }

    /** Euclidean length. */
    public static double length(Double4 a) { return (double) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Double4 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
