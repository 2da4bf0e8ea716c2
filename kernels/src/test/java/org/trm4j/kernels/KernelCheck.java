package org.trm4j.kernels;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.HalfArray;
import org.trm4j.api.CharArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.ShortArray;
import org.trm4j.api.LongArray;
import org.trm4j.api.NativeArray;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.Tasks;
import org.trm4j.api.WorkerGrid;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs one kernel on "java", on "opencl:0:0" and on "vector" (our JIT's bytecode with Vector API loops) through
 * TaskGraph/ExecutionPlan, each on its own deep copy of the arguments, compares every array argument of each device with java (ints exactly, floats
 * like the conformance suite: |e - a| <= rel * max(|e|, |a|) + rel * scale, scale = the array's largest
 * magnitude, at least 1e-3), and returns the java run's arguments.
 */
final class KernelCheck {
    private KernelCheck() {}

    static final String JAVA = "java";
    static final String OPENCL = "opencl:0:0";
    static final String VECTOR = "vector";
    /** + - * / and correctly rounded double maths. */
    static final double ARITH = 1e-5;
    /** exp, log, atan2, sin... in float on the device. */
    static final double TRANSC = 1e-4;

    /** Kernels checked on both devices in this JVM (the test classes print it at the end). */
    static final List<String> CHECKED = new ArrayList<>();

    static Object[] run(String name, double rel, Tasks.TaskFunction f, WorkerGrid grid, Object... args) {
        Object[] onJava = runOn(JAVA, f, grid, args);
        Object[] onCl = runOn(OPENCL, f, grid, args);
        Object[] onVector = runOn(VECTOR, f, grid, args);
        for (int i = 0; i < args.length; i++) {
            if (!(args[i] instanceof NativeArray)) continue;
            compare(name + " arg " + i, (NativeArray) onJava[i], (NativeArray) onCl[i], rel);
            compare(name + " arg " + i + " on vector", (NativeArray) onJava[i], (NativeArray) onVector[i], rel);
        }
        synchronized (CHECKED) { CHECKED.add(name); }
        return onJava;
    }

    static Object[] run(String name, Tasks.TaskFunction f, Object... args) {
        return run(name, ARITH, f, null, args);
    }

    static Object[] runOn(String device, Tasks.TaskFunction f, WorkerGrid grid, Object... args) {
        Device dev;
        try {
            dev = Devices.get(device);
        } catch (IllegalArgumentException e) {
            fail("device " + device + " is required by the kernels tests: " + e.getMessage());
            return null;
        }
        Object[] a = new Object[args.length];
        List<NativeArray> arrays = new ArrayList<>();
        java.util.IdentityHashMap<NativeArray, NativeArray> copies = new java.util.IdentityHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof NativeArray n) {
                boolean seen = copies.containsKey(n);
                a[i] = copies.computeIfAbsent(n, KernelCheck::copy); // one copy per distinct array: aliasing is kept
                if (!seen) arrays.add((NativeArray) a[i]);
            } else {
                a[i] = args[i];
            }
        }
        Object[] transfer = arrays.toArray();
        TaskGraph g = new TaskGraph("g");
        if (transfer.length > 0) g.transferToDevice(DataTransferMode.EVERY_EXECUTION, transfer);
        addTask(g, "t", f, a);
        if (transfer.length > 0) g.transferToHost(DataTransferMode.EVERY_EXECUTION, transfer);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot())) {
            plan.withDevice(dev);
            if (grid != null) plan.withGridScheduler(new GridScheduler("g.t", grid));
            plan.execute();
        }
        return a;
    }

    static void compare(String what, NativeArray e, NativeArray a, double rel) {
        assertEquals(e.getSize(), a.getSize(), what + ": size");
        switch (e) {
            case IntArray ie -> {
                IntArray ia = (IntArray) a;
                for (int i = 0; i < ie.getSize(); i++)
                    if (ie.get(i) != ia.get(i)) fail(what + "[" + i + "]: java " + ie.get(i) + " vs opencl " + ia.get(i));
            }
            case FloatArray fe -> {
                double[] x = toDouble(fe), y = toDouble((FloatArray) a);
                close(what + " (java vs opencl)", x, y, rel);
            }
            case DoubleArray de -> {
                double[] x = new double[de.getSize()], y = new double[de.getSize()];
                for (int i = 0; i < x.length; i++) { x[i] = de.get(i); y[i] = ((DoubleArray) a).get(i); }
                close(what + " (java vs opencl)", x, y, rel);
            }
            case ByteArray be -> {
                for (int i = 0; i < be.getSize(); i++)
                    if (be.get(i) != ((ByteArray) a).get(i)) fail(what + "[" + i + "] differs");
            }
            case LongArray le -> {
                for (int i = 0; i < le.getSize(); i++)
                    if (le.get(i) != ((LongArray) a).get(i)) fail(what + "[" + i + "] differs");
            }
            case ShortArray se -> {
                for (int i = 0; i < se.getSize(); i++)
                    if (se.get(i) != ((ShortArray) a).get(i)) fail(what + "[" + i + "] differs");
            }
            case CharArray ce -> {
                for (int i = 0; i < ce.getSize(); i++)
                    if (ce.get(i) != ((CharArray) a).get(i)) fail(what + "[" + i + "] differs");
            }
            case HalfArray he -> {
                for (int i = 0; i < he.getSize(); i++)
                    if (he.getBits(i) != ((HalfArray) a).getBits(i)) fail(what + "[" + i + "] differs");
            }
        }
    }

    /** Conformance-style closeness with the floor scale = max(|expected|) (at least 1e-3). */
    static void close(String what, double[] expected, double[] actual, double rel) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-3;
        for (double v : expected) if (Double.isFinite(v)) scale = Math.max(scale, Math.abs(v));
        int bad = 0, first = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i], a = actual[i];
            boolean ok;
            if (Double.isNaN(e) || Double.isNaN(a)) ok = Double.isNaN(e) && Double.isNaN(a);
            else ok = Math.abs(e - a) <= rel * Math.max(Math.abs(e), Math.abs(a)) + rel * scale;
            if (!ok) { bad++; if (first < 0) first = i; }
        }
        if (bad > 0)
            fail(what + ": " + bad + " of " + expected.length + " elements differ; first at " + first + ": expected "
                    + expected[first] + ", got " + actual[first] + " (rel " + rel + ", scale " + scale + ")");
    }

    static NativeArray copy(NativeArray n) {
        NativeArray c = switch (n) {
            case FloatArray f -> new FloatArray(f.getSize());
            case IntArray i -> new IntArray(i.getSize());
            case DoubleArray d -> new DoubleArray(d.getSize());
            case ByteArray b -> new ByteArray(b.getSize());
            case LongArray l -> new LongArray(l.getSize());
            case HalfArray h -> new HalfArray(h.getSize());
            case ShortArray s -> new ShortArray(s.getSize());
            case CharArray ch -> new CharArray(ch.getSize());
        };
        c.getSegment().copyFrom(n.getSegment());
        return c;
    }

    // ------------------------------------------------------------------ data helpers

    static FloatArray floats(double[] v) {
        FloatArray a = new FloatArray(v.length);
        for (int i = 0; i < v.length; i++) a.set(i, (float) v[i]);
        return a;
    }

    static FloatArray nans(int n) {
        FloatArray a = new FloatArray(n);
        a.init(Float.NaN);
        return a;
    }

    static IntArray ints(int[] v) {
        IntArray a = new IntArray(v.length);
        for (int i = 0; i < v.length; i++) a.set(i, v[i]);
        return a;
    }

    static double[] toDouble(FloatArray a) {
        double[] d = new double[a.getSize()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i);
        return d;
    }

    static double[] toDouble(DoubleArray a) {
        double[] d = new double[a.getSize()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i);
        return d;
    }

    /** Random values rounded to float, so that the double reference sees exactly the kernel's inputs. */
    static double[] randn(Random r, int n, double std) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) d[i] = (float) (r.nextGaussian() * std);
        return d;
    }

    static FloatArray f(Object[] out, int i) { return (FloatArray) out[i]; }

    static double[] d(Object[] out, int i) {
        return out[i] instanceof FloatArray fa ? toDouble(fa) : toDouble((DoubleArray) out[i]);
    }

    static int[] ints(Object[] out, int i) {
        IntArray a = (IntArray) out[i];
        int[] v = new int[a.getSize()];
        for (int k = 0; k < v.length; k++) v[k] = a.get(k);
        return v;
    }

    // ------------------------------------------------------------------ finite differences

    interface Fn { double apply(double[] x); }

    /** Central differences of a double function, step h * max(1, |x_i|). */
    static double[] numericGrad(Fn fn, double[] x, double h) {
        double[] g = new double[x.length];
        double[] p = x.clone();
        for (int i = 0; i < x.length; i++) {
            double step = h * Math.max(1.0, Math.abs(x[i]));
            p[i] = x[i] + step;
            double up = fn.apply(p);
            p[i] = x[i] - step;
            double down = fn.apply(p);
            p[i] = x[i];
            g[i] = (up - down) / (2 * step);
        }
        return g;
    }

    static double[] numericGrad(Fn fn, double[] x) { return numericGrad(fn, x, 1e-5); }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    /** Picks the task shape by the kernel's arity: {@code fn(Linear::forward)}. */
    static <T1> Tasks.TaskFunction fn(Tasks.Task1<T1> f) { return f; }
    static <T1,T2> Tasks.TaskFunction fn(Tasks.Task2<T1,T2> f) { return f; }
    static <T1,T2,T3> Tasks.TaskFunction fn(Tasks.Task3<T1,T2,T3> f) { return f; }
    static <T1,T2,T3,T4> Tasks.TaskFunction fn(Tasks.Task4<T1,T2,T3,T4> f) { return f; }
    static <T1,T2,T3,T4,T5> Tasks.TaskFunction fn(Tasks.Task5<T1,T2,T3,T4,T5> f) { return f; }
    static <T1,T2,T3,T4,T5,T6> Tasks.TaskFunction fn(Tasks.Task6<T1,T2,T3,T4,T5,T6> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7> Tasks.TaskFunction fn(Tasks.Task7<T1,T2,T3,T4,T5,T6,T7> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8> Tasks.TaskFunction fn(Tasks.Task8<T1,T2,T3,T4,T5,T6,T7,T8> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9> Tasks.TaskFunction fn(Tasks.Task9<T1,T2,T3,T4,T5,T6,T7,T8,T9> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9,T10> Tasks.TaskFunction fn(Tasks.Task10<T1,T2,T3,T4,T5,T6,T7,T8,T9,T10> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11> Tasks.TaskFunction fn(Tasks.Task11<T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12> Tasks.TaskFunction fn(Tasks.Task12<T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13> Tasks.TaskFunction fn(Tasks.Task13<T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13,T14> Tasks.TaskFunction fn(Tasks.Task14<T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13,T14> f) { return f; }
    static <T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13,T14,T15> Tasks.TaskFunction fn(Tasks.Task15<T1,T2,T3,T4,T5,T6,T7,T8,T9,T10,T11,T12,T13,T14,T15> f) { return f; }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void addTask(TaskGraph g, String id, Tasks.TaskFunction f, Object[] a) {
        switch (a.length) {
            case 1 -> g.task(id, (Tasks.Task1) f, a[0]);
            case 2 -> g.task(id, (Tasks.Task2) f, a[0], a[1]);
            case 3 -> g.task(id, (Tasks.Task3) f, a[0], a[1], a[2]);
            case 4 -> g.task(id, (Tasks.Task4) f, a[0], a[1], a[2], a[3]);
            case 5 -> g.task(id, (Tasks.Task5) f, a[0], a[1], a[2], a[3], a[4]);
            case 6 -> g.task(id, (Tasks.Task6) f, a[0], a[1], a[2], a[3], a[4], a[5]);
            case 7 -> g.task(id, (Tasks.Task7) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
            case 8 -> g.task(id, (Tasks.Task8) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
            case 9 -> g.task(id, (Tasks.Task9) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8]);
            case 10 -> g.task(id, (Tasks.Task10) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
            case 11 -> g.task(id, (Tasks.Task11) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10]);
            case 12 -> g.task(id, (Tasks.Task12) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
            case 13 -> g.task(id, (Tasks.Task13) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12]);
            case 14 -> g.task(id, (Tasks.Task14) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
            case 15 -> g.task(id, (Tasks.Task15) f, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14]);
            default -> throw new IllegalArgumentException("1 to 15 arguments, got " + a.length);
        }
    }
}
