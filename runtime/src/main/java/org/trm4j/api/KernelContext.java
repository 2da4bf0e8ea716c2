package org.trm4j.api;

/**
 * Explicit work-item indexing for kernels written in the OpenCL/CUDA style (TornadoVM's KernelContext).
 * A program creates one with {@code new KernelContext()} and passes it as a task argument; each backend
 * substitutes its own per-work-item view. On devices the JIT turns field reads and calls into built-ins.
 */
public class KernelContext {
    public int globalIdx, globalIdy, globalIdz;
    public int localIdx, localIdy, localIdz;
    public int groupIdx, groupIdy, groupIdz;
    public int localGroupSizeX = 1, localGroupSizeY = 1, localGroupSizeZ = 1;
    public int globalGroupSizeX = 1, globalGroupSizeY = 1, globalGroupSizeZ = 1;

    private final WorkGroup group;

    /** The context a program passes to a task; outside a running kernel its methods do nothing useful. */
    public KernelContext() { this(null); }

    /** Used by the java backend: one context per work-item, sharing the work-group's state. */
    public KernelContext(WorkGroup group) { this.group = group; }

    /** Waits until every work-item of the work-group reaches this call; local memory is then consistent. */
    public void localBarrier() { requireGroup().localBarrier(); }

    /** Waits until every work-item of the whole grid reaches this call. */
    public void globalBarrier() { requireGroup().globalBarrier(); }

    /** A float array in work-group local memory, shared by the work-items of one group. Size must be a constant. */
    public FloatArray allocateFloatLocalArray(int size) { return requireGroup().localArray(FloatArray.class, size); }

    public IntArray allocateIntLocalArray(int size) { return requireGroup().localArray(IntArray.class, size); }

    public DoubleArray allocateDoubleLocalArray(int size) { return requireGroup().localArray(DoubleArray.class, size); }

    public LongArray allocateLongLocalArray(int size) { return requireGroup().localArray(LongArray.class, size); }

    /** A float[] in work-group local memory, indexed with {@code []} (TornadoVM's form). Size must be a constant. */
    public float[] allocateFloatLocalJavaArray(int size) { return requireGroup().localJavaArray(float[].class, size); }

    public int[] allocateIntLocalJavaArray(int size) { return requireGroup().localJavaArray(int[].class, size); }

    public double[] allocateDoubleLocalJavaArray(int size) { return requireGroup().localJavaArray(double[].class, size); }

    public long[] allocateLongLocalJavaArray(int size) { return requireGroup().localJavaArray(long[].class, size); }

    /** Atomically adds {@code value} to {@code array[index]}; returns the previous value. */
    public int atomicAdd(IntArray array, int index, int value) { return requireGroup().atomicAdd(array, index, value); }

    /** Atomically adds {@code value} to {@code array[index]}; returns the previous value (devices need 64-bit atomics). */
    public long atomicAdd(LongArray array, int index, long value) { return requireGroup().atomicAdd(array, index, value); }

    private WorkGroup requireGroup() {
        if (group == null)
            throw new IllegalStateException("KernelContext methods only work inside a kernel launched by a task graph");
        return group;
    }

    /** What a backend that runs kernels as Java supplies to its work-items. */
    public interface WorkGroup {
        void localBarrier();
        void globalBarrier();
        /** The n-th allocation of a work-group returns the same array to all of its work-items. */
        <T extends NativeArray> T localArray(Class<T> type, int size);
        /** Like localArray, for a primitive array class ({@code float[].class}...). */
        <T> T localJavaArray(Class<T> arrayType, int size);
        int atomicAdd(IntArray array, int index, int value);
        long atomicAdd(LongArray array, int index, long value);
    }
}
