package org.trm4j.backend.cuda;

import org.trm4j.api.NativeArray;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The {@code void** kernelParams} of cuLaunchKernel, in the order PtxRenderer declares the entry's
 * parameters: per array the device pointer (u64) then its hidden element count (u32); per scalar its
 * value (booleans as a 32-bit 0/1).
 */
final class CudaKernelParams {
    private CudaKernelParams() {}

    /**
     * @param values    KernelArguments.values(ir, args): checked arrays and canonical scalar boxes
     * @param devicePtr the device buffer of a host array (allocated and filled by the caller)
     */
    static MemorySegment build(Arena arena, Kernel ir, Object[] values, ToLongFunction<NativeArray> devicePtr) {
        List<MemorySegment> slots = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (ir.params.get(i) instanceof Param.Array) {
                NativeArray arr = (NativeArray) v;
                slots.add(arena.allocateFrom(JAVA_LONG, devicePtr.applyAsLong(arr)));
                slots.add(arena.allocateFrom(JAVA_INT, arr.getSize()));
            } else {
                slots.add(switch (v) {
                    case Integer x -> arena.allocateFrom(JAVA_INT, x);
                    case Long x -> arena.allocateFrom(JAVA_LONG, x);
                    case Float x -> arena.allocateFrom(JAVA_FLOAT, x);
                    case Double x -> arena.allocateFrom(JAVA_DOUBLE, x);
                    case Boolean x -> arena.allocateFrom(JAVA_INT, x ? 1 : 0);
                    default -> throw new IllegalStateException("unexpected scalar " + v);
                });
            }
        }
        MemorySegment params = arena.allocate(ADDRESS, Math.max(1, slots.size()));
        for (int i = 0; i < slots.size(); i++) params.setAtIndex(ADDRESS, i, slots.get(i));
        return params;
    }
}
