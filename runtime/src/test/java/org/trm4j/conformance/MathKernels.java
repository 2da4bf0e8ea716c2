package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/** KernelMath and java.lang.Math in kernels; min/max follow Java (NaN wins, -0.0 < +0.0). */
public final class MathKernels {
    private MathKernels() {}

    /** Unary KernelMath on floats. Output: 8 per element. */
    public static void kernelMathFloatUnary(FloatArray x, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            float magnitude = KernelMath.abs(v);
            out.set(8 * i, KernelMath.exp(v));
            out.set(8 * i + 1, KernelMath.log(magnitude + 0.01f));
            out.set(8 * i + 2, KernelMath.sqrt(magnitude));
            out.set(8 * i + 3, KernelMath.rsqrt(magnitude + 0.01f));
            out.set(8 * i + 4, KernelMath.tanh(v));
            out.set(8 * i + 5, KernelMath.sin(v));
            out.set(8 * i + 6, KernelMath.cos(v));
            out.set(8 * i + 7, KernelMath.sigmoid(v));
        }
    }

    /** Binary and ternary KernelMath on floats plus floor/ceil/abs. Output: 8 per element. */
    public static void kernelMathFloatBinary(FloatArray x, FloatArray y, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float u = x.get(i);
            float v = y.get(i);
            out.set(8 * i, KernelMath.pow(KernelMath.abs(u) + 0.1f, v));
            out.set(8 * i + 1, KernelMath.atan2(v, u));
            out.set(8 * i + 2, KernelMath.fma(u, v, 0.5f));
            out.set(8 * i + 3, KernelMath.min(u, v));
            out.set(8 * i + 4, KernelMath.max(u, v));
            out.set(8 * i + 5, KernelMath.floor(u));
            out.set(8 * i + 6, KernelMath.ceil(v));
            out.set(8 * i + 7, KernelMath.abs(u - v));
        }
    }

    /** KernelMath's double overloads. Output: 10 per element. */
    public static void kernelMathDouble(DoubleArray x, DoubleArray y, DoubleArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            double u = x.get(i);
            double v = y.get(i);
            double magnitude = KernelMath.abs(u);
            out.set(10 * i, KernelMath.exp(u));
            out.set(10 * i + 1, KernelMath.log(magnitude + 0.01));
            out.set(10 * i + 2, KernelMath.sqrt(magnitude));
            out.set(10 * i + 3, KernelMath.rsqrt(magnitude + 0.01));
            out.set(10 * i + 4, KernelMath.tanh(u));
            out.set(10 * i + 5, KernelMath.sigmoid(u));
            out.set(10 * i + 6, KernelMath.pow(magnitude + 0.1, v));
            out.set(10 * i + 7, KernelMath.atan2(v, u));
            out.set(10 * i + 8, KernelMath.fma(u, v, -0.25));
            out.set(10 * i + 9, KernelMath.floor(u) + KernelMath.ceil(v));
        }
    }

    /** java.lang.Math on doubles. Output: 12 per element. */
    public static void javaMathDouble(DoubleArray x, DoubleArray y, DoubleArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            double u = x.get(i);
            double v = y.get(i);
            out.set(12 * i, Math.exp(u));
            out.set(12 * i + 1, Math.log(Math.abs(u) + 0.01));
            out.set(12 * i + 2, Math.sqrt(Math.abs(v)));
            out.set(12 * i + 3, Math.tanh(u));
            out.set(12 * i + 4, Math.sin(u));
            out.set(12 * i + 5, Math.cos(v));
            out.set(12 * i + 6, Math.pow(Math.abs(v) + 0.1, u));
            out.set(12 * i + 7, Math.atan2(u, v));
            out.set(12 * i + 8, Math.floor(u));
            out.set(12 * i + 9, Math.ceil(v));
            out.set(12 * i + 10, Math.fma(u, v, 1.0));
            out.set(12 * i + 11, Math.min(u, v) - Math.max(u, v));
        }
    }

    /** java.lang.Math on float operands: float overloads (abs/min/max/fma) and double maths narrowed back. Output: 7 per element. */
    public static void javaMathOnFloats(FloatArray x, FloatArray y, FloatArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float u = x.get(i);
            float v = y.get(i);
            out.set(7 * i, (float) Math.exp(u));
            out.set(7 * i + 1, (float) Math.sqrt(Math.abs(v)));
            out.set(7 * i + 2, Math.abs(u));
            out.set(7 * i + 3, Math.min(u, v));
            out.set(7 * i + 4, Math.max(u, v));
            out.set(7 * i + 5, Math.fma(u, v, -1.0f));
            out.set(7 * i + 6, (float) Math.tanh(u * 0.5f));
        }
    }

    /** Math.min/max with NaN and signed zeros; 1/x exposes the sign of a zero as +-Infinity. Output: 4 per element. */
    public static void minMaxNaNAndZeros(FloatArray a, FloatArray b, FloatArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            float x = a.get(i);
            float y = b.get(i);
            float lo = Math.min(x, y);
            float hi = Math.max(x, y);
            out.set(4 * i, lo);
            out.set(4 * i + 1, hi);
            out.set(4 * i + 2, 1.0f / lo);
            out.set(4 * i + 3, 1.0f / hi);
        }
    }

    /** The double version of {@link #minMaxNaNAndZeros}. */
    public static void minMaxNaNAndZerosDouble(DoubleArray a, DoubleArray b, DoubleArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            double x = a.get(i);
            double y = b.get(i);
            double lo = Math.min(x, y);
            double hi = Math.max(x, y);
            out.set(4 * i, lo);
            out.set(4 * i + 1, hi);
            out.set(4 * i + 2, 1.0 / lo);
            out.set(4 * i + 3, 1.0 / hi);
        }
    }

    /** Integer abs/min/max, KernelMath and Math, incl. abs(MIN_VALUE) == MIN_VALUE. Output: 4 per element. */
    public static void integerMinMaxAbs(IntArray a, IntArray b, IntArray out) {
        for (@Parallel int i = 0; i < a.getSize(); i++) {
            int x = a.get(i);
            int y = b.get(i);
            long lx = (long) x << 20;
            out.set(4 * i, Math.abs(x));
            out.set(4 * i + 1, KernelMath.min(x, y));
            out.set(4 * i + 2, Math.max(x, y));
            out.set(4 * i + 3, (int) (KernelMath.abs(lx) >>> 20) + (int) Math.min(lx, (long) y));
        }
    }

    /** Row-wise softmax: max, exp of the shifted values, sum, scale — serial loops in a parallel row loop. */
    public static void rowSoftmax(FloatArray x, FloatArray out, int rows, int cols) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) max = Math.max(max, x.get(base + c));
            float sum = 0.0f;
            for (int c = 0; c < cols; c++) {
                float e = KernelMath.exp(x.get(base + c) - max);
                out.set(base + c, e);
                sum += e;
            }
            float inv = 1.0f / sum;
            for (int c = 0; c < cols; c++) out.set(base + c, out.get(base + c) * inv);
        }
    }

    /** RMSNorm per row: x * rsqrt(mean(x^2) + eps) * weight. */
    public static void rmsNorm(FloatArray x, FloatArray weight, FloatArray out, int rows, int cols, float eps) {
        for (@Parallel int r = 0; r < rows; r++) {
            int base = r * cols;
            float squares = 0.0f;
            for (int c = 0; c < cols; c++) {
                float v = x.get(base + c);
                squares += v * v;
            }
            float scale = KernelMath.rsqrt(squares / cols + eps);
            for (int c = 0; c < cols; c++) out.set(base + c, x.get(base + c) * scale * weight.get(c));
        }
    }
}
