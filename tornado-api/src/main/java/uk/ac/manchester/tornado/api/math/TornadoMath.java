package uk.ac.manchester.tornado.api.math;

/**
 * Maths for kernels. Part of trm4j's TornadoVM bridge, not TornadoVM: each method is a plain call of {@link Math}, which trm4j's
 * JIT inlines into the intrinsic it knows (a function it does not know is a compile error naming it).
 */
public final class TornadoMath {
    private TornadoMath() {}

    public static float sqrt(float x) { return (float) Math.sqrt(x); }
    public static double sqrt(double x) { return Math.sqrt(x); }
    public static float exp(float x) { return (float) Math.exp(x); }
    public static double exp(double x) { return Math.exp(x); }
    public static float log(float x) { return (float) Math.log(x); }
    public static double log(double x) { return Math.log(x); }
    public static float sin(float x) { return (float) Math.sin(x); }
    public static double sin(double x) { return Math.sin(x); }
    public static float cos(float x) { return (float) Math.cos(x); }
    public static double cos(double x) { return Math.cos(x); }
    public static float tan(float x) { return (float) Math.tan(x); }
    public static double tan(double x) { return Math.tan(x); }
    public static float tanh(float x) { return (float) Math.tanh(x); }
    public static double tanh(double x) { return Math.tanh(x); }
    public static float floor(float x) { return (float) Math.floor(x); }
    public static double floor(double x) { return Math.floor(x); }
    public static float ceil(float x) { return (float) Math.ceil(x); }
    public static double ceil(double x) { return Math.ceil(x); }
    public static float abs(float x) { return (float) Math.abs(x); }
    public static double abs(double x) { return Math.abs(x); }
    public static float atan(float x) { return (float) Math.atan(x); }
    public static double atan(double x) { return Math.atan(x); }
    public static float asin(float x) { return (float) Math.asin(x); }
    public static double asin(double x) { return Math.asin(x); }
    public static float acos(float x) { return (float) Math.acos(x); }
    public static double acos(double x) { return Math.acos(x); }
    public static float cbrt(float x) { return (float) Math.cbrt(x); }
    public static double cbrt(double x) { return Math.cbrt(x); }
    public static float min(float a, float b) { return Math.min(a, b); }
    public static double min(double a, double b) { return Math.min(a, b); }
    public static int min(int a, int b) { return Math.min(a, b); }
    public static long min(long a, long b) { return Math.min(a, b); }
    public static float max(float a, float b) { return Math.max(a, b); }
    public static double max(double a, double b) { return Math.max(a, b); }
    public static int max(int a, int b) { return Math.max(a, b); }
    public static long max(long a, long b) { return Math.max(a, b); }
    public static int abs(int x) { return Math.abs(x); }
    public static long abs(long x) { return Math.abs(x); }
    public static float pow(float x, float y) { return (float) Math.pow(x, y); }
    public static double pow(double x, double y) { return Math.pow(x, y); }
    public static float atan2(float y, float x) { return (float) Math.atan2(y, x); }
    public static double atan2(double y, double x) { return Math.atan2(y, x); }
    public static float fma(float a, float b, float c) { return Math.fma(a, b, c); }
    public static double fma(double a, double b, double c) { return Math.fma(a, b, c); }
    public static float rsqrt(float x) { return (float) (1.0 / Math.sqrt(x)); }
    public static double rsqrt(double x) { return 1.0 / Math.sqrt(x); }
    public static float clamp(float x, float lo, float hi) { return Math.min(Math.max(x, lo), hi); }
    public static double clamp(double x, double lo, double hi) { return Math.min(Math.max(x, lo), hi); }
    public static int clamp(int x, int lo, int hi) { return Math.min(Math.max(x, lo), hi); }
    public static float floatPI() { return (float) Math.PI; }
    public static float toRadians(float degrees) { return degrees * ((float) Math.PI / 180f); }
    public static boolean isEqual(float[] a, float[] b) { return java.util.Arrays.equals(a, b); }
}
