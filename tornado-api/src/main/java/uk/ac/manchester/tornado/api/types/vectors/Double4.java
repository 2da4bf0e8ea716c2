package uk.ac.manchester.tornado.api.types.vectors;

import java.util.Arrays;

/**
 * A vector of 4 doubles. Part of trm4j's TornadoVM bridge, not TornadoVM. Host side only: trm4j's JIT does not take it in kernels, and a kernel that uses it fails with an error naming it.
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

    public Double4 duplicate() {
        Double4 r = new Double4();
        System.arraycopy(v, 0, r.v, 0, 4);
        return r;
    }

    public static Double4 add(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] + b.v[i]);
        return r;
    }

    public static Double4 sub(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] - b.v[i]);
        return r;
    }

    public static Double4 mult(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] * b.v[i]);
        return r;
    }

    public static Double4 div(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] / b.v[i]);
        return r;
    }

    public static Double4 min(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (Math.min(a.v[i], b.v[i]));
        return r;
    }

    public static Double4 max(Double4 a, Double4 b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (Math.max(a.v[i], b.v[i]));
        return r;
    }

    public static Double4 add(Double4 a, double b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] + b);
        return r;
    }

    public static Double4 sub(Double4 a, double b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] - b);
        return r;
    }

    public static Double4 mult(Double4 a, double b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] * b);
        return r;
    }

    public static Double4 div(Double4 a, double b) {
        Double4 r = new Double4();
        for (int i = 0; i < 4; i++) r.v[i] = (double) (a.v[i] / b);
        return r;
    }

    /** Sum of the element-wise products. */
    public static double dot(Double4 a, Double4 b) {
        double s = 0;
        for (int i = 0; i < 4; i++) s += a.v[i] * b.v[i];
        return s;
    }

    /** Euclidean length. */
    public static double length(Double4 a) { return (double) Math.sqrt(dot(a, a)); }

    @Override public boolean equals(Object o) { return o instanceof Double4 other && Arrays.equals(v, other.v); }

    @Override public int hashCode() { return Arrays.hashCode(v); }

    @Override public String toString() { return Arrays.toString(v); }
}
