package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 3 doubles. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
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

    public Double3 duplicate() {
        Double3 r = new Double3();
        System.arraycopy(v, 0, r.v, 0, 3);
        return r;
    }

    public static Double3 add(Double3 a, Double3 b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] + b.v[i]);
        return r;
    }

    public static Double3 sub(Double3 a, Double3 b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] - b.v[i]);
        return r;
    }

    public static Double3 mult(Double3 a, Double3 b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] * b.v[i]);
        return r;
    }

    public static Double3 div(Double3 a, Double3 b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] / b.v[i]);
        return r;
    }

    public static Double3 min(Double3 a, Double3 b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Double3 max(Double3 a, Double3 b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Double3 add(Double3 a, double b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] + b);
        return r;
    }

    public static Double3 sub(Double3 a, double b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] - b);
        return r;
    }

    public static Double3 mult(Double3 a, double b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] * b);
        return r;
    }

    public static Double3 div(Double3 a, double b) {
        Double3 r = new Double3();
        for (int i = 0; i < 3; i++) r.v[i] = (double) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static double dot(Double3 a, Double3 b) {
        double s = 0;
        for (int i = 0; i < 3; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** Euclidean length. */
    public static double length(Double3 a) { return (double) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Double3 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
