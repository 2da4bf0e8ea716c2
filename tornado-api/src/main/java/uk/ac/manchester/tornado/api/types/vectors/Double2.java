package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 2 doubles. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
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

    public Double2 duplicate() {
        Double2 r = new Double2();
        System.arraycopy(v, 0, r.v, 0, 2);
        return r;
    }

    public static Double2 add(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] + b.v[i]);
        return r;
    }

    public static Double2 sub(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] - b.v[i]);
        return r;
    }

    public static Double2 mult(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] * b.v[i]);
        return r;
    }

    public static Double2 div(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] / b.v[i]);
        return r;
    }

    public static Double2 min(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Double2 max(Double2 a, Double2 b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Double2 add(Double2 a, double b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] + b);
        return r;
    }

    public static Double2 sub(Double2 a, double b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] - b);
        return r;
    }

    public static Double2 mult(Double2 a, double b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] * b);
        return r;
    }

    public static Double2 div(Double2 a, double b) {
        Double2 r = new Double2();
        for (int i = 0; i < 2; i++) r.v[i] = (double) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static double dot(Double2 a, Double2 b) {
        double s = 0;
        for (int i = 0; i < 2; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** Euclidean length. */
    public static double length(Double2 a) { return (double) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Double2 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
