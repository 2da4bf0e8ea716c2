package org.trm4j.jit.lower;

import org.junit.jupiter.api.Test;
import org.trm4j.api.Devices;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ptx.PtxAssembler;
import org.trm4j.jit.ptx.PtxRenderer;
import org.trm4j.jit.ptx.PtxTarget;
import org.trm4j.runtime.DeviceRuntime;

import java.lang.reflect.Method;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A padded grid: work-items past the real global size return at once, and the kernel sees the real size. */
class PaddedGridTest {

    /** Writes its id and the global size it sees; no guard of its own, as KernelContext kernels are often written. */
    public static void stamp(KernelContext ctx, IntArray ids, IntArray sizes) {
        ids.set(ctx.globalIdx, ctx.globalIdx);
        sizes.set(ctx.globalIdx, ctx.globalGroupSizeX);
    }

    public static void withBarrier(KernelContext ctx, IntArray a) {
        a.set(ctx.globalIdx, 1);
        ctx.localBarrier();
    }

    private static Method kernel(String name) {
        for (Method m : PaddedGridTest.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new IllegalArgumentException(name);
    }

    @Test void onlyKernelsWithoutBarriersArePadded() {
        assertTrue(PaddedGrid.applies(KernelCompiler.compile(kernel("stamp"))));
        assertFalse(PaddedGrid.applies(KernelCompiler.compile(kernel("withBarrier"))));
    }

    @Test void workItemsPastTheRealSizeDoNothingOnEveryCompilingDevice() throws Exception {
        Kernel padded = PaddedGrid.apply(KernelCompiler.compile(kernel("stamp")), 3);
        assertNotNull(PaddedGrid.sizeParam(padded));
        int real = 1009, launched = 1024; // a prime, rounded up to full blocks
        for (var d : Devices.list()) {
            if (d.backend().equals("java")) continue; // runs the bytecode: nothing to pad
            IntArray ids = new IntArray(launched), sizes = new IntArray(launched);
            ids.init(-1);
            sizes.init(-1);
            DeviceRuntime dev = (DeviceRuntime) d;
            var compiled = switch (dev) {
                case org.trm4j.backend.opencl.OpenClDevice cl -> cl.compile(null, padded);
                case org.trm4j.backend.spirv.SpirvDevice sp -> sp.compile(null, padded);
                default -> null;
            };
            if (compiled == null) continue;
            for (var arr : new IntArray[]{ids, sizes}) dev.copyToDevice(arr);
            dev.launch(compiled, new Object[]{new KernelContext(), ids, sizes, real}, new WorkerGrid1D(launched));
            for (var arr : new IntArray[]{ids, sizes}) dev.copyToHost(arr);
            for (var arr : new IntArray[]{ids, sizes}) dev.release(arr);
            for (int i = 0; i < launched; i++) {
                assertEquals(i < real ? i : -1, ids.get(i), d.id() + " id at " + i);
                assertEquals(i < real ? real : -1, sizes.get(i), d.id() + " global size seen at " + i);
            }
        }
        var ptxas = PtxAssembler.find();
        if (ptxas.isPresent()) ptxas.get().assemble(PtxRenderer.render(padded, PtxTarget.DEFAULT), "sm_80", "stamp (padded)");
    }
}
