package org.trm4j.jit.frontend;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.Parallel;

/**
 * Kernels the front end must reject. The line each error must point at carries a marker comment
 * "//!" followed by the method name; the test finds it in this source file.
 */
@SuppressWarnings("all")
public final class BadKernels {
    private BadKernels() {}

    static int counter;

    public static void allocation(FloatArray a) {
        java.util.ArrayList<Integer> l = new java.util.ArrayList<>(); //!allocation
        a.set(0, l.size());
    }

    public static void newArray(FloatArray a) {
        float[] t = new float[4]; //!newArray
        a.set(0, t[1]);
    }

    public static void javaArrayParam(boolean[] x, FloatArray a) {
        a.set(0, 1f); //!javaArrayParam
    }

    public static void throwing(FloatArray a, int n) {
        if (n < 0) throw new IllegalArgumentException("negative"); //!throwing
        a.set(0, n);
    }

    public static void asserting(FloatArray a, int n) {
        assert n > 0 : "n"; //!asserting
        a.set(0, n);
    }

    public static void virtualCall(FloatArray a) {
        a.init(1f); //!virtualCall
    }

    public static void lambda(FloatArray a) {
        Runnable r = () -> a.set(0, 1f); //!lambda
        a.set(1, 2f);
    }

    public static void stringConcat(FloatArray a, int n) {
        String s = "n=" + n; //!stringConcat
        a.set(0, n);
    }

    static int fact(int n) {
        return n <= 1 ? 1 : n * fact(n - 1); //!fact
    }

    public static void recursive(IntArray a) {
        a.set(0, fact(5));
    }

    static int ping(int n) { return n <= 0 ? 0 : pong(n - 1); }

    static int pong(int n) {
        return ping(n - 1); //!pong
    }

    public static void mutualRecursion(IntArray a) {
        a.set(0, ping(4));
    }

    public static void staticField(IntArray a) {
        a.set(0, counter); //!staticField
    }

    public static void staticWrite(IntArray a) {
        counter = a.get(0); //!staticWrite
    }

    public static void synchronizedBlock(IntArray a) {
        synchronized (a) { //!synchronizedBlock
            a.set(0, 1);
        }
    }

    public static void tryCatch(IntArray a, int n) {
        try {
            a.set(0, 10 / n); //!tryCatch
        } catch (ArithmeticException e) {
            a.set(0, -1);
        }
    }

    public static void libraryCall(FloatArray a) {
        a.set(0, Math.round(a.get(1))); //!libraryCall
    }

    public static void parallelStep(FloatArray a, int n) {
        for (@Parallel int i = 0; i < n; i += 2) a.set(i, 0f); //!parallelStep
    }

    public static void swappedBuffers(FloatArray a, FloatArray b, int n) {
        FloatArray src = a, dst = b;
        for (int k = 0; k < n; k++) {
            dst.set(0, src.get(0) + 1f);
            FloatArray t = src; src = dst; dst = t; //!swappedBuffers
        }
    }

    public static void ternaryArray(FloatArray a, FloatArray b, int n) {
        (n > 0 ? a : b).set(0, 1f); //!ternaryArray
    }

    public static void nullCheck(FloatArray a) {
        if (a != null) a.set(0, 1f); //!nullCheck
    }

    public static int returnsValue(FloatArray a) {
        return 1; //!returnsValue
    }

    public void instanceKernel(FloatArray a) {
        a.set(0, 1f); //!instanceKernel
    }

    // ---- barriers not every work-item of the group reaches (undefined behaviour on a GPU) ----

    public static void barrierInIf(KernelContext ctx, FloatArray a) {
        if (ctx.localIdx < 4) {
            a.set(ctx.globalIdx, 1f);
            ctx.localBarrier(); //!barrierInIf
        }
    }

    public static void barrierAfterReturn(KernelContext ctx, FloatArray a, int n) {
        if (ctx.globalIdx >= n) return;
        a.set(ctx.globalIdx, 1f);
        ctx.localBarrier(); //!barrierAfterReturn
        a.set(ctx.globalIdx, 2f);
    }

    public static void barrierInDataLoop(KernelContext ctx, FloatArray a, IntArray counts) {
        for (int i = 0; i < counts.get(ctx.localIdx); i++) {
            ctx.localBarrier(); //!barrierInDataLoop
            a.set(ctx.globalIdx, i);
        }
    }

    public static void barrierAfterBreak(KernelContext ctx, FloatArray a, int n) {
        for (int i = 0; i < n; i++) {
            if (a.get(ctx.globalIdx) > i) break;
            ctx.localBarrier(); //!barrierAfterBreak
        }
    }

    static void syncInHelper(KernelContext ctx) {
        ctx.localBarrier(); //!syncInHelper
    }

    public static void barrierInInlinedHelper(KernelContext ctx, FloatArray a) {
        if (ctx.localIdx == 0) syncInHelper(ctx);
        a.set(ctx.globalIdx, 1f);
    }
}
