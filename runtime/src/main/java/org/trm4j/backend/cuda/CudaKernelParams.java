package org.trm4j.backend.cuda;

import org.trm4j.api.NativeArray;
import org.trm4j.jit.KernelAbi;
import org.trm4j.jit.ir.Kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static java.lang.foreign.ValueLayout.ADDRESS;

/** The {@code void** kernelParams} of cuLaunchKernel: one pointer per {@link KernelAbi} slot, as PtxRenderer declares them. */
final class CudaKernelParams {
    private CudaKernelParams() {}

    /**
     * @param values    KernelArguments.values(ir, args): checked arrays and canonical scalar boxes
     * @param devicePtr the device buffer of a host array (allocated and filled by the caller)
     */
    static MemorySegment build(Arena arena, Kernel ir, Object[] values, ToLongFunction<NativeArray> devicePtr) {
        List<MemorySegment> slots = new ArrayList<>();
        for (KernelAbi.Slot s : KernelAbi.slots(ir)) slots.add(KernelAbi.encode(arena, s, values[s.index()], devicePtr));
        MemorySegment params = arena.allocate(ADDRESS, Math.max(1, slots.size()));
        for (int i = 0; i < slots.size(); i++) params.setAtIndex(ADDRESS, i, slots.get(i));
        return params;
    }
}
