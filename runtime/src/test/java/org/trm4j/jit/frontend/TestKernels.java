package org.trm4j.jit.frontend;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/** Kernels the front end must compile; each one exercises a construct. Run on the JVM too, as the reference. */
public final class TestKernels {
    private TestKernels() {}

    static final int TILE = 16;
    static final float SCALE = 0.5f;

    public static void vectorAdd(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, a.get(i) + b.get(i));
    }

    public static void scaleN(FloatArray a, int n, float s) {
        for (@Parallel int i = 0; i < n; i++) a.set(i, a.get(i) * s);
    }

    public static void constantBound(IntArray a) {
        for (@Parallel int i = 0; i < 64; i++) a.set(i, i * 3);
    }

    public static void matmul(FloatArray a, FloatArray b, FloatArray c, int n) {
        for (@Parallel int i = 0; i < n; i++)
            for (@Parallel int j = 0; j < n; j++) {
                float sum = 0;
                for (int k = 0; k < n; k++) sum += a.get(i * n + k) * b.get(k * n + j);
                c.set(i * n + j, sum);
            }
    }

    /** A ternary used as an argument: the value is on the stack at the merge. */
    public static void relu(FloatArray x, FloatArray y) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            y.set(i, v > 0 ? v : 0.0f);
        }
    }

    /** Nested loops with labelled break and continue. */
    public static void labelled(IntArray out, int n) {
        outer:
        for (int i = 0; i < n; i++) {
            int acc = 0;
            for (int j = 0; j < n; j++) {
                if (j > i) continue outer;
                if (i * j > 50) break outer;
                if ((j & 1) == 1) continue;
                acc += j;
                out.set(i, acc);
            }
        }
    }

    public static void whileDo(IntArray out, int n) {
        int i = 0, s = 0;
        while (i < n) { s += i; i++; }
        int j = 0;
        do { s ^= j << 2; j++; } while (j < 5);
        out.set(0, s);
    }

    public static void nanCompares(FloatArray x, IntArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            int r = 0;
            if (v < 1.0f) r |= 1;
            if (v > 1.0f) r |= 2;
            if (v <= 1.0f) r |= 4;
            if (v >= 1.0f) r |= 8;
            if (v == 1.0f) r |= 16;
            if (v != 1.0f) r |= 32;
            if (!(v < 1.0f)) r |= 64;
            out.set(i, r);
        }
    }

    public static void doubleAndLong(DoubleArray d, IntArray out, long big) {
        for (@Parallel int i = 0; i < d.getSize(); i++) {
            double x = d.get(i);
            long l = (long) (x * 1000.0) + big;
            l = (l << 3) >>> 1;
            int r = l > big ? 1 : (l == big ? 0 : -1);
            out.set(i, r + (int) (l % 97));
        }
    }

    public static void casts(FloatArray x, IntArray out) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            int v = (int) (x.get(i) * 1000f);
            byte b = (byte) v;
            short s = (short) v;
            char c = (char) v;
            out.set(i, b + s + c);
        }
    }

    public static void maths(FloatArray x, FloatArray y) {
        for (@Parallel int i = 0; i < x.getSize(); i++) {
            float v = x.get(i);
            float r = (float) Math.exp(v) + KernelMath.sqrt(Math.abs(v)) + KernelMath.sigmoid(v)
                    + Math.max(v, 0.5f) + (float) Math.tanh(v) + KernelMath.rsqrt(v * v + 1f)
                    + Math.min(Math.abs(-3), 2) + KernelMath.fma(v, v, 1f) + (Float.isNaN(v) ? 1f : 0f);
            y.set(i, r);
        }
    }

    static float square(float v) { return v * v; }

    static float sumSquares(FloatArray a, int from, int to) {
        float s = 0;
        for (int i = from; i < to; i++) s += square(a.get(i));
        return s;
    }

    public static void withCalls(FloatArray a, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) out.set(i, sumSquares(a, i, i + 3) * SCALE + TILE);
    }

    public static void withSwitch(IntArray in, IntArray out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) {
            int r;
            switch (in.get(i)) {
                case 0 -> r = 10;
                case 1 -> r = 20;
                case 2 -> r = 30;
                case 100 -> r = 40;
                default -> r = -1;
            }
            out.set(i, r);
        }
    }

    public static void bytes(ByteArray in, ByteArray out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) out.set(i, (byte) (in.get(i) * 3));
    }

    public static void context(KernelContext ctx, FloatArray a, IntArray counter) {
        FloatArray tile = ctx.allocateFloatLocalArray(TILE);
        int gid = ctx.globalIdx;
        int lid = ctx.localIdx;
        tile.set(lid, a.get(gid));
        ctx.localBarrier();
        if (lid == 0) {
            float s = 0;
            for (int k = 0; k < ctx.localGroupSizeX; k++) s += tile.get(k);
            a.set(ctx.groupIdx, s);
            ctx.atomicAdd(counter, 0, 1);
        }
    }

    /** An array picked by a ternary into a local: only a problem if used. */
    public static void grid3(IntArray out, int nx, int ny, int nz) {
        for (@Parallel int z = 0; z < nz; z++)
            for (@Parallel int y = 0; y < ny; y++)
                for (@Parallel int x = 0; x < nx; x++) out.set((z * ny + y) * nx + x, x + 10 * y + 100 * z);
    }

    /** Same slot reused for different arrays in sibling scopes: fine. */
    public static void slotReuse(FloatArray a, FloatArray b, boolean first) {
        if (first) { FloatArray p = a; p.set(0, 1f); } else { FloatArray q = b; q.set(0, 2f); }
        for (int i = 0; i < 2; i++) { FloatArray r = b; r.set(i + 1, 3f); }
    }

    public static void increments(IntArray out) {
        int i = 0;
        int a = i++ + i++;
        int b = ++i * 2;
        out.set(0, a * 100 + b * 10 + i);
    }

    public static void longCount(IntArray out, int n) {
        long acc = 1;
        for (int i = 0; i < n; i++) acc = acc * 31 + (acc >> (i & 7)) + (i % 3 == 0 ? 1L : 2L);
        out.set(0, (int) acc);
        out.set(1, (int) (acc >>> 32));
    }

    /** Assignments used as values and post-increments of longs: javac emits dup, dup2 and dup_x forms. */
    public static void dups(IntArray out, long seed) {
        long x = seed;
        long y = x++;
        int a, b;
        a = b = (int) (x * 3);
        double d = 1.5;
        double e = d++ * 2;
        out.set(0, (int) (y - x) + a + b + (int) (e + d));
        int s = 1;
        for (int i = 0; i < 3; i++) s += (s <<= 1);
        out.set(1, s);
    }
}
