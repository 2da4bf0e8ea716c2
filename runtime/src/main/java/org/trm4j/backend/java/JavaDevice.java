package org.trm4j.backend.java;

import org.trm4j.api.DeviceType;
import org.trm4j.api.KernelContext;
import org.trm4j.api.KernelIndexOutOfBoundsException;
import org.trm4j.api.NativeArray;
import org.trm4j.api.WorkerGrid;
import org.trm4j.runtime.CompileOptions;
import org.trm4j.runtime.CompiledKernel;
import org.trm4j.runtime.DeviceRuntime;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The JVM as a device: the CPU baseline and the reference every other backend is compared with.
 * Kernels run as their own bytecode (never through our JIT), so a JIT bug cannot hide in both sides
 * of a comparison. Host arrays are the device buffers: copies cost nothing.
 */
final class JavaDevice implements DeviceRuntime {
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "trm-java-device");
        t.setDaemon(true);
        return t;
    });

    @Override public String id() { return "java"; }
    @Override public String name() { return "JVM " + Runtime.version() + " (" + System.getProperty("os.arch") + ", " + THREADS + " threads)"; }
    @Override public DeviceType type() { return DeviceType.JVM; }
    @Override public int computeUnits() { return THREADS; }
    @Override public long globalMemoryBytes() { return Runtime.getRuntime().maxMemory(); }
    @Override public long localMemoryBytes() { return Long.MAX_VALUE; }
    @Override public int maxWorkGroupSize() { return 1024; }
    @Override public String backendVersion() { return System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"); }
    @Override public String backend() { return "java"; }

    /** Runs the kernel's own bytecode: there is no IR to relax, so strict and relaxed maths are the same here. */
    @Override public CompiledKernel compile(Method method, CompileOptions options) {
        long t0 = System.nanoTime();
        MethodHandle direct;
        try {
            MethodHandle exact = MethodHandles.privateLookupIn(method.getDeclaringClass(), MethodHandles.lookup()).unreflect(method);
            // (Object[]) -> Object, built once: a work-item call then costs no per-call adaptation (invokeWithArguments does).
            direct = exact.asType(exact.type().generic()).asSpreader(Object[].class, method.getParameterCount());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("java backend cannot access kernel " + method + ": " + e.getMessage(), e);
        }
        int ctx = contextIndex(method);
        // A @Reduce loop split over threads would race on its element: it is split with a private copy of the
        // @Reduce array per part when its shape is known (then folded), else it runs on one thread, exactly as Java.
        boolean reduces = !org.trm4j.runtime.TaskMethods.reduceParameters(method).isEmpty();
        JavaReduction reduction = reduces && ctx < 0 ? javaReduction(method) : null;
        MethodHandle split = ctx >= 0 || (reduces && reduction == null) ? null : ParallelLoopSplitter.split(method);
        JavaKernel.BarrierUse barriers = ctx >= 0 ? barrierUse(method) : JavaKernel.BarrierUse.NONE;
        return new JavaKernel(method, direct, split, ctx, barriers, split == null ? null : reduction, System.nanoTime() - t0);
    }

    /** The @Reduce loop's shape as the JIT reads it, or null (also when the JIT cannot read the kernel at all). */
    private static JavaReduction javaReduction(Method method) {
        try {
            var r = org.trm4j.jit.lower.ReductionLowering.describe(org.trm4j.jit.frontend.KernelCompiler.compile(method));
            return r == null ? null : new JavaReduction(r);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Position of the KernelContext parameter (trm4j's or the TornadoVM bridge's), or -1. */
    private static int contextIndex(Method method) {
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++)
            if (org.trm4j.jit.frontend.ApiNames.is(types[i], KernelContext.class)) return i;
        return -1;
    }

    /** Which barriers the kernel may reach, read from its bytecode (conservatively LOCAL when it calls other methods of unknown content). */
    private static JavaKernel.BarrierUse barrierUse(Method method) {
        ClassModel cm = ClassFile.of().parse(ParallelLoopSplitter.classBytes(method.getDeclaringClass()));
        JavaKernel.BarrierUse use = JavaKernel.BarrierUse.NONE;
        var code = cm.methods().stream().filter(m -> m.methodName().equalsString(method.getName())
                && m.methodType().equalsString(org.trm4j.runtime.TaskMethods.descriptor(method))).findFirst().orElseThrow().code().orElseThrow();
        for (var e : code) {
            if (!(e instanceof InvokeInstruction inv)) continue;
            String name = inv.name().stringValue();
            boolean onContext = org.trm4j.jit.frontend.ApiNames.canonical(inv.owner().asInternalName()).equals(KernelContext.class.getName().replace('.', '/'));
            if (onContext && name.equals("globalBarrier")) return JavaKernel.BarrierUse.GLOBAL;
            if ((onContext && name.equals("localBarrier")) || inv.opcode() == java.lang.classfile.Opcode.INVOKESTATIC
                    && !inv.owner().asInternalName().startsWith("java/") && !inv.owner().asInternalName().equals("org/trm4j/api/KernelMath"))
                use = JavaKernel.BarrierUse.LOCAL;
        }
        return use;
    }

    @Override public boolean usesHostMemory() { return true; }

    @Override public void allocate(NativeArray array) {}
    @Override public long copyToDevice(NativeArray array) { return 0; }
    @Override public long copyToHost(NativeArray array) { return 0; }
    @Override public void release(NativeArray array) {}

    @Override public long launch(CompiledKernel compiled, Object[] args, WorkerGrid grid) {
        JavaKernel k = (JavaKernel) compiled;
        checkArgs(k.method(), args);
        long t0 = System.nanoTime();
        try {
            if (k.contextIndex() >= 0) runWorkGroups(k, args, grid);
            else if (k.split() != null) runSplit(k, args);
            else { Object ignored = (Object) k.direct().invokeExact(args); }
        } catch (KernelIndexOutOfBoundsException e) {
            throw named(k.method(), args, e);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        return System.nanoTime() - t0;
    }

    /** The violation with the kernel and the parameter named, as the device backends' bounds checks report it. */
    static KernelIndexOutOfBoundsException named(Method m, Object[] args, KernelIndexOutOfBoundsException e) {
        if (e.kernel() != null) return e;
        java.lang.reflect.Parameter[] params = m.getParameters();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length && i < params.length; i++)
            if (args[i] == e.origin()) names.add(params[i].isNamePresent() ? params[i].getName() : "arg" + i);
        if (names.isEmpty()) return e; // an array the kernel did not get as a parameter
        return e.in(org.trm4j.runtime.KernelArguments.kernelName(m), String.join("/", names));
    }

    private void runSplit(JavaKernel k, Object[] args) throws Throwable {
        List<Future<?>> parts = new ArrayList<>();
        Object[] privates = new Object[THREADS];
        for (int p = 1; p < THREADS; p++) {
            Object[] a = withPart(args, p);
            if (k.reduction() != null) a[k.reduction().javaIndex()] = privates[p] = k.reduction().privateCopy(args[k.reduction().javaIndex()]);
            parts.add(pool.submit(() -> {
                try { k.split().invokeWithArguments(a); } catch (RuntimeException | Error e) { throw e; } catch (Throwable t) { throw new IllegalStateException(t); }
            }));
        }
        Object[] first = withPart(args, 0);
        if (k.reduction() != null) first[k.reduction().javaIndex()] = privates[0] = k.reduction().privateCopy(args[k.reduction().javaIndex()]);
        k.split().invokeWithArguments(first);
        for (Future<?> f : parts) {
            try { f.get(); } catch (ExecutionException e) { throw e.getCause(); }
        }
        if (k.reduction() != null) k.reduction().fold(args[k.reduction().javaIndex()], privates);
    }

    private static Object[] withPart(Object[] args, int part) {
        Object[] a = java.util.Arrays.copyOf(args, args.length + 2);
        a[args.length] = part;
        a[args.length + 1] = THREADS;
        return a;
    }

    private void runWorkGroups(JavaKernel k, Object[] args, WorkerGrid grid) {
        if (grid == null)
            throw new IllegalArgumentException("a KernelContext kernel needs a launch grid: pass a GridScheduler with a WorkerGrid for this task");
        long[] g = {1, 1, 1}, l = {1, 1, 1};
        long[] gg = grid.getGlobalWork(), ll = grid.getLocalWork();
        for (int d = 0; d < gg.length; d++) {
            g[d] = gg[d];
            l[d] = ll != null ? ll[d] : defaultLocal(gg[d], gg.length);
            if (g[d] % l[d] != 0)
                throw new IllegalArgumentException("global work size " + g[d] + " is not a multiple of local work size " + l[d] + " in dimension " + d);
        }
        new WorkGroupEmulator(k, args, g, l).run(pool);
    }

    /** The largest divisor of {@code global} not above a per-dimensionality cap, as drivers tend to pick. */
    static long defaultLocal(long global, int dims) {
        long cap = dims == 1 ? 256 : dims == 2 ? 16 : 8;
        for (long l = Math.min(cap, global); l > 1; l--) if (global % l == 0) return l;
        return 1;
    }

    static void checkArgs(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        if (types.length != args.length)
            throw new IllegalArgumentException(m.getName() + " takes " + types.length + " arguments, the task gives " + args.length);
        for (int i = 0; i < types.length; i++) {
            Class<?> boxed = types[i].isPrimitive() ? java.lang.invoke.MethodType.methodType(types[i]).wrap().returnType() : types[i];
            if (!boxed.isInstance(args[i]))
                throw new IllegalArgumentException("argument " + i + " of " + m.getDeclaringClass().getSimpleName() + "." + m.getName()
                        + " must be " + types[i].getSimpleName() + ", got " + (args[i] == null ? "null" : args[i].getClass().getSimpleName()));
        }
    }

    @Override public void close() { DeviceRuntime.closing(this); }
}
