package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.types.arrays.IntArray;
import uk.ac.manchester.tornado.api.types.arrays.LongArray;

/**
 * Explicit work-item indexing for kernels written in the OpenCL/CUDA style. Part of trm4j's TornadoVM bridge, not TornadoVM.
 * A program passes {@code new KernelContext()} as a task argument; on devices trm4j's JIT turns the fields
 * into work-item queries and the calls into barriers, local arrays and atomics. On the java backend each
 * work-item gets its own context, made from trm4j's by {@link #KernelContext(org.trm4j.api.KernelContext)}.
 */
public class KernelContext {
    public final int globalIdx, globalIdy, globalIdz;
    public final int localIdx, localIdy, localIdz;
    public final int groupIdx, groupIdy, groupIdz;
    public final int globalGroupSizeX, globalGroupSizeY, globalGroupSizeZ;
    public final int localGroupSizeX, localGroupSizeY, localGroupSizeZ;

    private final org.trm4j.api.KernelContext item;

    /** The context a program passes to a task. */
    public KernelContext() { this(new org.trm4j.api.KernelContext()); }

    /** One work-item's view, used by trm4j's java backend. */
    public KernelContext(org.trm4j.api.KernelContext item) {
        this.item = item;
        globalIdx = item.globalIdx; globalIdy = item.globalIdy; globalIdz = item.globalIdz;
        localIdx = item.localIdx; localIdy = item.localIdy; localIdz = item.localIdz;
        groupIdx = item.groupIdx; groupIdy = item.groupIdy; groupIdz = item.groupIdz;
        globalGroupSizeX = item.globalGroupSizeX; globalGroupSizeY = item.globalGroupSizeY; globalGroupSizeZ = item.globalGroupSizeZ;
        localGroupSizeX = item.localGroupSizeX; localGroupSizeY = item.localGroupSizeY; localGroupSizeZ = item.localGroupSizeZ;
    }

    /** Waits until every work-item of the work-group gets here; local memory is then consistent. */
    public void localBarrier() { item.localBarrier(); }

    /** Waits until every work-item of the grid gets here. */
    public void globalBarrier() { item.globalBarrier(); }

    /** A float array in work-group local memory, shared by the group; the size must be a constant. */
    public float[] allocateFloatLocalArray(int size) { return item.allocateFloatLocalJavaArray(size); }

    public int[] allocateIntLocalArray(int size) { return item.allocateIntLocalJavaArray(size); }

    public double[] allocateDoubleLocalArray(int size) { return item.allocateDoubleLocalJavaArray(size); }

    public long[] allocateLongLocalArray(int size) { return item.allocateLongLocalJavaArray(size); }

    /** Atomically adds {@code value} to {@code array[index]}; returns the previous value. */
    public int atomicAdd(IntArray array, int index, int value) { return item.atomicAdd(array, index, value); }

    /** Atomically adds {@code value} to {@code array[index]}; returns the previous value (devices need 64-bit atomics). */
    public long atomicAdd(LongArray array, int index, long value) { return item.atomicAdd(array, index, value); }
}
