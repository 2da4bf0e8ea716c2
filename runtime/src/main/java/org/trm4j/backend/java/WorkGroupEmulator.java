package org.trm4j.backend.java;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.KernelIndexOutOfBoundsException;
import org.trm4j.api.NativeArray;

import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a KernelContext kernel on the JVM with OpenCL's execution model: every work-item gets its own
 * KernelContext; work-items of a group share local arrays; barriers really wait. Kernels without
 * barriers run their work-items in a plain loop per group (fast); kernels with barriers run each
 * work-item of a group on a virtual thread; a grid-wide barrier runs the whole grid at once.
 */
final class WorkGroupEmulator {
    private static final VarHandle INT_ELEMENTS = ValueLayout.JAVA_INT.arrayElementVarHandle();
    private static final VarHandle LONG_ELEMENTS = ValueLayout.JAVA_LONG.arrayElementVarHandle();

    private final JavaKernel kernel;
    private final Object[] args;
    private final long[] global, local;
    private final int[] groups;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final ItemBarrier gridBarrier;
    /** Turns trm4j's per-item KernelContext into the kernel's own context class (the TornadoVM bridge's), or null. */
    private final java.lang.invoke.MethodHandle contextView;

    WorkGroupEmulator(JavaKernel kernel, Object[] args, long[] global, long[] local) {
        this.kernel = kernel;
        this.args = args;
        this.global = global;
        this.local = local;
        this.groups = new int[3];
        for (int d = 0; d < 3; d++) groups[d] = (int) (global[d] / local[d]);
        this.contextView = contextView(kernel.method().getParameterTypes()[kernel.contextIndex()]);
        this.gridBarrier = kernel.barriers() == JavaKernel.BarrierUse.GLOBAL ? new ItemBarrier((int) (global[0] * global[1] * global[2])) : null;
    }

    void run(ExecutorService pool) {
        int groupCount = groups[0] * groups[1] * groups[2];
        try {
            switch (kernel.barriers()) {
                case GLOBAL -> {
                    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int g = 0; g < groupCount; g++) {
                            Group group = new Group(g);
                            for (int i = 0; i < group.size; i++) { int item = i; vt.submit(() -> runItem(group, item)); }
                        }
                    }
                }
                case LOCAL -> forEachGroup(pool, groupCount, g -> {
                    Group group = new Group(g);
                    try (ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
                        for (int i = 0; i < group.size; i++) { int item = i; vt.submit(() -> runItem(group, item)); }
                    }
                });
                case NONE -> forEachGroup(pool, groupCount, g -> {
                    Group group = new Group(g);
                    for (int i = 0; i < group.size && failure.get() == null; i++) runItem(group, i);
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + kernel.method().getName(), e);
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error err) throw err;
        if (t != null) throw new IllegalStateException(t);
    }

    private interface GroupBody { void run(int group); }

    /** A context class other than trm4j's is built from trm4j's per-item context by its public (KernelContext) constructor. */
    private static java.lang.invoke.MethodHandle contextView(Class<?> type) {
        if (type == KernelContext.class) return null;
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findConstructor(type,
                    java.lang.invoke.MethodType.methodType(void.class, KernelContext.class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(type.getName() + " cannot stand for a KernelContext: it has no public constructor taking "
                    + KernelContext.class.getName(), e);
        }
    }

    /** Spreads groups over the pool's threads, each thread taking every n-th group. */
    private void forEachGroup(ExecutorService pool, int groupCount, GroupBody body) throws InterruptedException {
        int threads = Math.min(groupCount, Runtime.getRuntime().availableProcessors());
        List<Future<?>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> { for (int g = first; g < groupCount && failure.get() == null; g += threads) body.run(g); }));
        }
        for (Future<?> f : parts) {
            try { f.get(); } catch (java.util.concurrent.ExecutionException e) { failure.compareAndSet(null, e.getCause()); }
        }
    }

    private void runItem(Group group, int item) {
        if (kernel.barriers() != JavaKernel.BarrierUse.NONE) group.barrier.register(item);
        if (gridBarrier != null) gridBarrier.register(group.linear * group.size + item);
        Object[] a = args.clone();
        try {
            KernelContext ctx = group.context(item);
            a[kernel.contextIndex()] = contextView == null ? ctx : contextView.invoke(ctx);
            Object ignored = (Object) kernel.direct().invokeExact(a);
        } catch (Throwable t) {
            if (!(t instanceof ItemBarrier.BrokenException)) failure.compareAndSet(null, group.named(t));
            group.barrier.breakBarrier(); // wakes the group's other work-items, which then end
            if (gridBarrier != null) gridBarrier.breakBarrier();
        }
    }

    /** One work-group: its position, its barrier and its local arrays. */
    private final class Group {
        final int linear, gx, gy, gz, size;
        final ItemBarrier barrier;
        final List<Object> localArrays = new ArrayList<>();

        Group(int linear) {
            this.linear = linear;
            gx = linear % groups[0];
            gy = (linear / groups[0]) % groups[1];
            gz = linear / (groups[0] * groups[1]);
            size = (int) (local[0] * local[1] * local[2]);
            barrier = new ItemBarrier(size);
        }

        KernelContext context(int item) {
            int lx = (int) (item % local[0]), ly = (int) ((item / local[0]) % local[1]), lz = (int) (item / (local[0] * local[1]));
            KernelContext c = new KernelContext(new Item(this));
            c.localIdx = lx; c.localIdy = ly; c.localIdz = lz;
            c.groupIdx = gx; c.groupIdy = gy; c.groupIdz = gz;
            c.localGroupSizeX = (int) local[0]; c.localGroupSizeY = (int) local[1]; c.localGroupSizeZ = (int) local[2];
            c.globalGroupSizeX = (int) global[0]; c.globalGroupSizeY = (int) global[1]; c.globalGroupSizeZ = (int) global[2];
            c.globalIdx = (int) (gx * local[0] + lx); c.globalIdy = (int) (gy * local[1] + ly); c.globalIdz = (int) (gz * local[2] + lz);
            return c;
        }

        /** A bounds violation on one of this group's local arrays, named as the JIT names them (local0, local1...). */
        synchronized Throwable named(Throwable t) {
            if (!(t instanceof KernelIndexOutOfBoundsException e) || e.kernel() != null) return t;
            for (int i = 0; i < localArrays.size(); i++)
                if (localArrays.get(i) == e.origin())
                    return e.in(org.trm4j.runtime.KernelArguments.kernelName(kernel.method()), "local" + i);
            return t;
        }

        /** The group's n-th local array, made on first use: a NativeArray class or a primitive array class. */
        synchronized <T> T localArray(int n, Class<T> type, int size) {
            if (n < localArrays.size()) {
                Object a = localArrays.get(n);
                int have = a instanceof NativeArray na ? na.getSize() : java.lang.reflect.Array.getLength(a);
                if (a.getClass() != type || have != size)
                    throw new IllegalStateException("work-items of one group allocated different local arrays (allocation " + n + ")");
                return type.cast(a);
            }
            Object a = type.isArray() ? java.lang.reflect.Array.newInstance(type.getComponentType(), size)
                    : type == FloatArray.class ? new FloatArray(size) : type == IntArray.class ? new IntArray(size)
                    : type == org.trm4j.api.LongArray.class ? new org.trm4j.api.LongArray(size) : new DoubleArray(size);
            localArrays.add(a);
            return type.cast(a);
        }
    }

    /** A work-item's view of its group: counts its own local-array allocations. */
    private final class Item implements KernelContext.WorkGroup {
        private final Group group;
        private int allocations;

        Item(Group group) { this.group = group; }

        @Override public void localBarrier() {
            if (group.size == 1) return;
            await(group.barrier);
        }

        @Override public void globalBarrier() {
            if (gridBarrier == null) throw new IllegalStateException("globalBarrier reached by a kernel prepared without grid barriers");
            await(gridBarrier);
        }

        @Override public <T extends NativeArray> T localArray(Class<T> type, int size) {
            return group.localArray(allocations++, type, size);
        }

        @Override public <T> T localJavaArray(Class<T> arrayType, int size) {
            return group.localArray(allocations++, arrayType, size);
        }

        @Override public int atomicAdd(IntArray array, int index, int value) {
            if (index < 0 || index >= array.getSize())
                throw KernelIndexOutOfBoundsException.of(array, index, array.getSize());
            return (int) INT_ELEMENTS.getAndAdd(array.getSegment(), 0L, (long) index, value);
        }

        @Override public long atomicAdd(org.trm4j.api.LongArray array, int index, long value) {
            if (index < 0 || index >= array.getSize())
                throw KernelIndexOutOfBoundsException.of(array, index, array.getSize());
            return (long) LONG_ELEMENTS.getAndAdd(array.getSegment(), 0L, (long) index, value);
        }

        private void await(ItemBarrier b) { b.await(); }
    }
}
