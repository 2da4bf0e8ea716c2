package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 2 doubles. Part of trm4j's TornadoVM bridge, not TornadoVM. Kernels may build one ({@code new Double2(...)}), read its
 * elements ({@code getX()}..., {@code get(constant)}) and use the static operations, which trm4j's JIT inlines;
 * a vector in a kernel is a value (its setters are not supported there).
 */
public final class Double2 {
    /** Number of elements. */
    public static final int NUM_ELEMENTS = 2;

    private final double[] v = new double[2];

    public Double2() {}

    public Double2(double x, double y) { v[0] = x; v[1] = y; }

    public double get(int index) { return v[index]; }

    public void set(int index, double value) { v[index] = value; }

    public double getX() { return v[0]; }

    public void setX(double value) { v[0] = value; }

    public double getY() { return v[1]; }

    public void setY(double value) { v[1] = value; }

    public int size() { return 2; }

    /** A copy of the elements. */
    public double[] toArray() { return v.clone(); }

    public Double2 duplicate() { return new Double2(v[0], v[1]); }

    public static Double2 add(Double2 a, Double2 b) { return new Double2(a.get(0) + b.get(0), a.get(1) + b.get(1)); }
    public static Double2 sub(Double2 a, Double2 b) { return new Double2(a.get(0) - b.get(0), a.get(1) - b.get(1)); }
    public static Double2 mult(Double2 a, Double2 b) { return new Double2(a.get(0) * b.get(0), a.get(1) * b.get(1)); }
    public static Double2 div(Double2 a, Double2 b) { return new Double2(a.get(0) / b.get(0), a.get(1) / b.get(1)); }
    public static Double2 min(Double2 a, Double2 b) { return new Double2(Math.min(a.get(0), b.get(0)), Math.min(a.get(1), b.get(1))); }
    public static Double2 max(Double2 a, Double2 b) { return new Double2(Math.max(a.get(0), b.get(0)), Math.max(a.get(1), b.get(1))); }
    public static Double2 add(Double2 a, double b) { return new Double2(a.get(0) + b, a.get(1) + b); }
    public static Double2 sub(Double2 a, double b) { return new Double2(a.get(0) - b, a.get(1) - b); }
    public static Double2 mult(Double2 a, double b) { return new Double2(a.get(0) * b, a.get(1) * b); }
    public static Double2 div(Double2 a, double b) { return new Double2(a.get(0) / b, a.get(1) / b); }

    /** Sum of the element-wise products. */
    public static double dot(Double2 a, Double2 b) { return a.get(0) * b.get(0) + a.get(1) * b.get(1); }

    /** Euclidean length. */
    public static double length(Double2 a) { return (double) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Double2 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
