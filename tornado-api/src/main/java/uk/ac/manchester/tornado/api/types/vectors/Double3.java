package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 3 doubles. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Double3(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Double3 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 3;

    private final double[] v = new double[3];

    public Double3() {}

    public Double3(double x, double y, double z) { v[0] = x; v[1] = y; v[2] = z; }

    public double get(int index) { return v[index]; }

    public void set(int index, double value) { v[index] = value; }

    public double getX() { return v[0]; }

    public void setX(double value) { v[0] = value; }

    public double getY() { return v[1]; }

    public void setY(double value) { v[1] = value; }

    public double getZ() { return v[2]; }

    public void setZ(double value) { v[2] = value; }

    public int size() { return 3; }

    /** A copy of the elements. */
    public double[] toArray() { return v.clone(); }

    public Double3 duplicate() { return new Double3(v[0], v[1], v[2]); }

    public static Double3 add(Double3 a, Double3 b) { return new Double3(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2)); }
    public static Double3 sub(Double3 a, Double3 b) { return new Double3(a.get(0) - b.get(0), a.get(1) - b.get(1), a.get(2) - b.get(2)); }
    public static Double3 mult(Double3 a, Double3 b) { return new Double3(a.get(0) * b.get(0), a.get(1) * b.get(1), a.get(2) * b.get(2)); }
    public static Double3 div(Double3 a, Double3 b) { return new Double3(a.get(0) / b.get(0), a.get(1) / b.get(1), a.get(2) / b.get(2)); }
    public static Double3 min(Double3 a, Double3 b) { return new Double3(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1)), Math.min(a.get(2), b.get(2))); }
    public static Double3 max(Double3 a, Double3 b) { return new Double3(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1)), Math.max(a.get(2), b.get(2))); }
    public static Double3 add(Double3 a, double b) { return new Double3(a.get(0) + b, a.get(1) + b, a.get(2) + b); }
    public static Double3 sub(Double3 a, double b) { return new Double3(a.get(0) - b, a.get(1) - b, a.get(2) - b); }
    public static Double3 mult(Double3 a, double b) { return new Double3(a.get(0) * b, a.get(1) * b, a.get(2) * b); }
    public static Double3 div(Double3 a, double b) { return new Double3(a.get(0) / b, a.get(1) / b, a.get(2) / b); }

    /** Sum of the element-wise products. */
    public static double dot(Double3 a, Double3 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1) + a.get(2) * b.get(2); }

    /** Euclidean length. */
    public static double length(Double3 a) { return (double) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Double3 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
