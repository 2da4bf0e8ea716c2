package org.trm4j.bridge;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.annotations.Parallel;
import uk.ac.manchester.tornado.api.annotations.Reduce;
import uk.ac.manchester.tornado.api.math.TornadoMath;
import uk.ac.manchester.tornado.api.types.arrays.DoubleArray;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;
import uk.ac.manchester.tornado.api.types.arrays.CharArray;
import uk.ac.manchester.tornado.api.types.arrays.ShortArray;
import uk.ac.manchester.tornado.api.types.HalfFloat;
import uk.ac.manchester.tornado.api.types.collections.VectorDouble2;
import uk.ac.manchester.tornado.api.types.collections.VectorFloat4;
import uk.ac.manchester.tornado.api.types.collections.VectorInt3;
import uk.ac.manchester.tornado.api.types.vectors.Double2;
import uk.ac.manchester.tornado.api.types.vectors.Float4;
import uk.ac.manchester.tornado.api.types.vectors.Int3;
import uk.ac.manchester.tornado.api.types.arrays.HalfFloatArray;
import uk.ac.manchester.tornado.api.types.matrix.Matrix2DFloat;

/** Kernels written as a TornadoVM user would write them, compiled only against the bridge's API. */
final class Kernels {
    private Kernels() {}

    /** Tile edge of {@link #matMulTiled}; the local arrays hold TILE x TILE floats. */
    static final int TILE = 8;

    static void vectorAdd(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, a.get(i) + b.get(i));
    }

    static void saxpy(float alpha, FloatArray x, FloatArray y) {
        for (@Parallel int i = 0; i < y.getSize(); i++) y.set(i, alpha * x.get(i) + y.get(i));
    }

    static void matMul(FloatArray a, FloatArray b, FloatArray c, int n) {
        for (@Parallel int i = 0; i < n; i++) {
            for (@Parallel int j = 0; j < n; j++) {
                float sum = 0f;
                for (int k = 0; k < n; k++) sum += a.get(i * n + k) * b.get(k * n + j);
                c.set(i * n + j, sum);
            }
        }
    }

    /** One work-item per element of c; a work-group of TILE x TILE stages tiles of a and b in local float[]s. */
    static void matMulTiled(KernelContext context, FloatArray a, FloatArray b, FloatArray c, int n) {
        int row = context.localIdx, col = context.localIdy;
        int globalRow = TILE * context.groupIdx + row, globalCol = TILE * context.groupIdy + col;
        float[] aTile = context.allocateFloatLocalArray(TILE * TILE);
        float[] bTile = context.allocateFloatLocalArray(TILE * TILE);
        float sum = 0f;
        for (int t = 0; t < n / TILE; t++) {
            aTile[row * TILE + col] = a.get(globalRow * n + t * TILE + col);
            bTile[row * TILE + col] = b.get((t * TILE + row) * n + globalCol);
            context.localBarrier();
            for (int k = 0; k < TILE; k++) sum += aTile[row * TILE + k] * bTile[k * TILE + col];
            context.localBarrier();
        }
        c.set(globalRow * n + globalCol, sum);
    }

    static void sumFloat(FloatArray input, @Reduce FloatArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, result.get(0) + input.get(i));
    }

    static void maxFloat(FloatArray input, @Reduce FloatArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, TornadoMath.max(result.get(0), input.get(i)));
    }

    static void minFloat(FloatArray input, @Reduce FloatArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.min(result.get(0), input.get(i)));
    }

    static void sumDouble(DoubleArray input, @Reduce DoubleArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, result.get(0) + input.get(i));
    }

    static void maxDouble(DoubleArray input, @Reduce DoubleArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.max(result.get(0), input.get(i)));
    }

    static void minDouble(DoubleArray input, @Reduce DoubleArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.min(result.get(0), input.get(i)));
    }

    static void sumInt(IntArray input, @Reduce IntArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, result.get(0) + input.get(i));
    }

    static void maxInt(IntArray input, @Reduce IntArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.max(result.get(0), input.get(i)));
    }

    static void minInt(IntArray input, @Reduce IntArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.min(result.get(0), input.get(i)));
    }

    static void sumLong(LongArray input, @Reduce LongArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, result.get(0) + input.get(i));
    }

    static void maxLong(LongArray input, @Reduce LongArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.max(result.get(0), input.get(i)));
    }

    static void minLong(LongArray input, @Reduce LongArray result) {
        for (@Parallel int i = 0; i < input.getSize(); i++) result.set(0, Math.min(result.get(0), input.get(i)));
    }

    /** Counts values per bin (value mod bins) with 64-bit atomic adds of a weight above 2^32. */
    static void histogramLong(KernelContext context, IntArray values, LongArray bins) {
        int v = values.get(context.globalIdx);
        context.atomicAdd(bins, v % bins.getSize(), 5_000_000_000L);
    }

    static void matMulMatrix(Matrix2DFloat a, Matrix2DFloat b, Matrix2DFloat c) {
        for (@Parallel int i = 0; i < c.getNumRows(); i++) {
            for (@Parallel int j = 0; j < c.getNumColumns(); j++) {
                float sum = 0f;
                for (int k = 0; k < a.getNumColumns(); k++) sum += a.get(i, k) * b.get(k, j);
                c.set(i, j, sum);
            }
        }
    }

    static void halfAdd(HalfFloatArray a, HalfFloatArray b, HalfFloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, HalfFloat.add(a.get(i), b.get(i)));
    }

    static void halfToFloatScaled(HalfFloatArray a, FloatArray out, float factor) {
        for (@Parallel int i = 0; i < a.getSize(); i++) out.set(i, a.get(i).getFloat32() * factor);
    }

    static void floatToHalf(FloatArray in, HalfFloatArray out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) out.set(i, new HalfFloat(in.get(i)));
    }

    static void float4Ops(VectorFloat4 a, VectorFloat4 b, VectorFloat4 c, FloatArray dots) {
        for (@Parallel int i = 0; i < c.getLength(); i++) {
            Float4 x = a.get(i), y = b.get(i);
            c.set(i, Float4.add(Float4.mult(x, 2f), y));
            dots.set(i, Float4.dot(x, y) + x.getW());
        }
    }

    static void int3Ops(VectorInt3 a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            Int3 v = a.get(i);
            out.set(i, v.getX() * v.get(1) - v.getZ());
        }
    }

    static void double2Build(DoubleArray in, VectorDouble2 out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) out.set(i, new Double2(in.get(i), Math.sqrt(in.get(i))));
    }

    /** short and char arrays: Java's sign and zero extension, and truncating stores. */
    static void shortsAndChars(ShortArray s, CharArray c, IntArray sums, ShortArray shorts, CharArray chars) {
        for (@Parallel int i = 0; i < s.getSize(); i++) {
            sums.set(i, s.get(i) + c.get(i));
            shorts.set(i, (short) (s.get(i) * 3));
            chars.set(i, (char) (c.get(i) + s.get(i)));
        }
    }

    static void scale(FloatArray data, float factor) {
        for (@Parallel int i = 0; i < data.getSize(); i++) data.set(i, data.get(i) * factor);
    }

    static void sqrtAll(FloatArray in, FloatArray out) {
        for (@Parallel int i = 0; i < in.getSize(); i++) out.set(i, TornadoMath.sqrt(in.get(i)) + TornadoMath.abs(in.get(i) - 2f));
    }
}
