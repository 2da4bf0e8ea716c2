package org.trm4j.backend.java;

import org.trm4j.api.DeviceType;
import org.trm4j.api.KernelIndexOutOfBoundsException;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.jvm.JvmRenderer;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceIr;
import org.trm4j.runtime.DeviceRuntime;
import org.trm4j.runtime.KernelArguments;
import org.trm4j.runtime.LaunchGeometry;

import java.lang.constant.ClassDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM as a fast CPU device: kernels go through our JIT like on every other device, and the fourth renderer
 * ({@link JvmRenderer}) turns their IR into bytecode whose innermost loops run on {@code jdk.incubator.vector}
 * float vectors (the preferred species: 16 lanes with AVX-512). The work-items of a launch are split into
 * contiguous blocks, one per thread. Kernels the renderer does not take (KernelContext, @Reduce) run as their
 * own bytecode, exactly as on {@code java}, which stays the reference.
 */
final class VectorDevice implements DeviceRuntime {
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final AtomicLong CLASSES = new AtomicLong();
    private final int lanes;
    private final JavaDevice bytecode = new JavaDevice();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "trm-vector-device");
        t.setDaemon(true);
        return t;
    });

    VectorDevice(int lanes) { this.lanes = lanes; }

    @Override public String id() { return "vector"; }
    @Override public String name() {
        return "JVM " + Runtime.version() + " + Vector API (" + lanes * 32 + "-bit, " + lanes + " float lanes, " + THREADS + " threads)";
    }
    @Override public DeviceType type() { return DeviceType.JVM; }
    @Override public int computeUnits() { return THREADS; }
    @Override public long globalMemoryBytes() { return Runtime.getRuntime().maxMemory(); }
    @Override public long localMemoryBytes() { return Long.MAX_VALUE; }
    @Override public int maxWorkGroupSize() { return 1024; }
    @Override public String backendVersion() { return System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + ", jdk.incubator.vector"; }
    @Override public String backend() { return "vector"; }
    @Override public boolean usesHostMemory() { return true; }

    @Override public CompiledKernel compile(Method method, CompileOptions options) {
        long t0 = System.nanoTime();
        String refusal = unsupportedParameters(method);
        if (refusal == null) {
            try {
                Kernel ir = DeviceIr.unchecked(method, options);
                ClassDesc name = ClassDesc.of(VectorDevice.class.getPackageName() + ".Jvm$" + method.getName() + "$" + CLASSES.incrementAndGet());
                JvmRenderer.Rendered r = JvmRenderer.render(ir, name, lanes, options.relaxedMath(), false, VectorDevice.class.getClassLoader());
                MethodHandles.Lookup hidden;
                try {
                    hidden = MethodHandles.lookup().defineHiddenClass(r.bytes(), true);
                } catch (VerifyError e) { // a register read before any assignment on some path: start them all at zero
                    r = JvmRenderer.render(ir, name, lanes, options.relaxedMath(), true, VectorDevice.class.getClassLoader());
                    hidden = MethodHandles.lookup().defineHiddenClass(r.bytes(), true);
                }
                MethodType type = (MethodType) r.runType().resolveConstantDesc(hidden);
                MethodHandle run = hidden.findStatic(hidden.lookupClass(), JvmRenderer.RUN, type);
                MethodHandle spread = run.asType(run.type().generic()).asSpreader(Object[].class, type.parameterCount());
                return new VectorKernel(method, ir, spread, r.loops(), null, null, System.nanoTime() - t0);
            } catch (UnsupportedOperationException e) {
                refusal = e.getMessage();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("vector device: the bytecode rendered for " + method + " does not load: " + e, e);
            } catch (RuntimeException e) {
                // The front end does not read every Java kernel the JVM runs (the java device needs no IR): run its bytecode.
                refusal = e.getMessage();
            }
        }
        CompiledKernel fallback = bytecode.compile(method, options);
        return new VectorKernel(method, null, null, List.of(), fallback, refusal, System.nanoTime() - t0);
    }

    /** Why the renderer's run(...) signature cannot take this method's arguments (Java arrays, KernelContext), or null. */
    private static String unsupportedParameters(Method m) {
        for (Class<?> c : m.getParameterTypes()) {
            // The API's own array classes only: subclasses (the bridge's matrices) are laid out by lowerings of their own.
            boolean ok = c.getSuperclass() == NativeArray.class || c == int.class || c == long.class || c == float.class
                    || c == double.class || c == boolean.class;
            if (!ok) return "parameter of type " + c.getSimpleName();
        }
        return null;
    }

    @Override public long launch(CompiledKernel compiled, Object[] args, WorkerGrid grid) {
        VectorKernel k = (VectorKernel) compiled;
        if (k.fallback() != null) return bytecode.launch(k.fallback(), args, grid);
        JavaDevice.checkArgs(k.method(), args);
        long t0 = System.nanoTime();
        long[] g = Arrays.copyOf(LaunchGeometry.of(k.ir(), args, grid, KernelArguments.kernelName(k.ir()), this).global(), 3);
        for (int d = 0; d < 3; d++) g[d] = Math.max(1, g[d]);
        long total = g[0] * g[1] * g[2];
        if (total > Integer.MAX_VALUE)
            throw new IllegalArgumentException(KernelArguments.kernelName(k.ir()) + ": " + total + " work-items; the vector device runs at most 2^31 - 1 per launch");
        int ok = sharesMemory(args) ? 0 : 1;
        int parts = (int) Math.min(THREADS, total);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int p = 1; p < parts; p++) {
                Object[] a = withRange(args, total * p / parts, total * (p + 1) / parts, g, ok);
                running.add(pool.submit(() -> invoke(k, a)));
            }
            invoke(k, withRange(args, 0, total / parts, g, ok));
            for (Future<?> f : running) {
                try { f.get(); } catch (ExecutionException e) { throw e.getCause(); }
            }
        } catch (KernelIndexOutOfBoundsException e) {
            throw JavaDevice.named(k.method(), args, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return System.nanoTime() - t0;
    }

    private static Void invoke(VectorKernel k, Object[] args) {
        try {
            Object ignored = (Object) k.run().invokeExact(args);
            return null;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static Object[] withRange(Object[] args, long lo, long hi, long[] g, int vectorOk) {
        Object[] a = Arrays.copyOf(args, args.length + 6);
        for (int i = 0; i < args.length; i++) if (a[i] instanceof Boolean z) a[i] = z ? 1 : 0; // run() takes booleans as int
        a[args.length] = (int) lo;
        a[args.length + 1] = (int) hi;
        a[args.length + 2] = (int) g[0];
        a[args.length + 3] = (int) g[1];
        a[args.length + 4] = (int) g[2];
        a[args.length + 5] = vectorOk;
        return a;
    }

    /**
     * True when two array arguments share memory (the same array twice, or overlapping views): the vector steps
     * assume distinct arrays do not alias, so such a launch runs the kernel's scalar loops only.
     */
    static boolean sharesMemory(Object[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!(args[i] instanceof NativeArray a)) continue;
            long a0 = a.getSegment().address(), a1 = a0 + a.getSegment().byteSize();
            for (int j = i + 1; j < args.length; j++) {
                if (!(args[j] instanceof NativeArray b)) continue;
                long b0 = b.getSegment().address(), b1 = b0 + b.getSegment().byteSize();
                if (a == b || (a0 < b1 && b0 < a1)) return true;
            }
        }
        return false;
    }

    @Override public void allocate(NativeArray array) {}
    @Override public long copyToDevice(NativeArray array) { return 0; }
    @Override public long copyToHost(NativeArray array) { return 0; }
    @Override public void release(NativeArray array) {}

    @Override public void close() { DeviceRuntime.closing(this); }
}
