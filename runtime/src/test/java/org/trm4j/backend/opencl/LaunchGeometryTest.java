package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Test;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.api.WorkerGrid2D;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.ParallelDim;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.opencl.TestIr;
import org.trm4j.runtime.KernelArguments;
import org.trm4j.runtime.LaunchGeometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** org.trm4j.runtime.LaunchGeometry and KernelArguments (shared by all device backends; tested here with the opencl tests). */
class LaunchGeometryTest {
    private static final org.trm4j.api.Device JAVA = org.trm4j.api.Devices.get("java");


    private static Kernel twoDims(ParallelDim.Bound b0, ParallelDim.Bound b1) {
        Kernel k = TestIr.binary("k", Type.FLOAT, Op.Binary.ADD);
        k.parallelDims.clear();
        k.parallelDims.add(new ParallelDim(0, b0));
        k.parallelDims.add(new ParallelDim(1, b1));
        return k;
    }

    @Test
    void parallelBoundsComeFromTheArguments() {
        Kernel k = twoDims(new ParallelDim.Bound.ArraySize(2), new ParallelDim.Bound.ScalarArg(3));
        Object[] args = {new FloatArray(5), new FloatArray(5), new FloatArray(70), 9};
        LaunchGeometry g = LaunchGeometry.of(k, args, null, "g.t", JAVA);
        assertArrayEquals(new long[]{70, 9}, g.global());
        assertNull(g.local());
        assertEquals(630, g.totalWorkItems());
    }

    @Test
    void constantUnknownAndEmptyBounds() {
        Kernel k = twoDims(new ParallelDim.Bound.Constant(64), new ParallelDim.Bound.Unknown());
        assertArrayEquals(new long[]{64, LaunchGeometry.fillingSize(JAVA)}, LaunchGeometry.of(k, new Object[3], null, "g.t", JAVA).global());
        Kernel empty = twoDims(new ParallelDim.Bound.ScalarArg(0), new ParallelDim.Bound.Constant(-3));
        assertArrayEquals(new long[]{1, 1}, LaunchGeometry.of(empty, new Object[]{0}, null, "g.t", JAVA).global(), "clamped to >= 1");
    }

    @Test
    void userGridWinsAndRoundsUpForLoopKernels() {
        Kernel k = TestIr.binary("k", Type.FLOAT, Op.Binary.ADD);
        WorkerGrid1D grid = new WorkerGrid1D(100);
        assertArrayEquals(new long[]{100}, LaunchGeometry.of(k, new Object[3], grid, "g.t", JAVA).global());
        grid.setLocalWork(32, 1, 1);
        LaunchGeometry g = LaunchGeometry.of(k, new Object[3], grid, "g.t", JAVA);
        assertArrayEquals(new long[]{128}, g.global());
        assertArrayEquals(new long[]{32}, g.local());
        // A 1-D grid for a 2-D kernel: the missing dimension is 1.
        assertArrayEquals(new long[]{100, 1}, LaunchGeometry.of(twoDims(new ParallelDim.Bound.Constant(1), new ParallelDim.Bound.Constant(1)),
                new Object[3], new WorkerGrid1D(100), "g.t", JAVA).global());
    }

    @Test
    void kernelContextKernelsNeedAGridThatDivides() {
        Kernel k = OpenClDeviceTest.groupSum(8);
        var e = assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(k, new Object[3], null, "graph.sum", JAVA));
        assertTrue(e.getMessage().contains("task graph.sum"), e.getMessage());
        assertTrue(e.getMessage().contains("GridScheduler"), e.getMessage());
        WorkerGrid2D grid = new WorkerGrid2D(30, 4);
        grid.setLocalWork(8, 2, 1);
        var e2 = assertThrows(IllegalArgumentException.class, () -> LaunchGeometry.of(k, new Object[3], grid, "graph.sum", JAVA));
        assertTrue(e2.getMessage().contains("not a multiple"), e2.getMessage());
        grid.setGlobalWork(32, 4, 1);
        assertArrayEquals(new long[]{8, 2}, LaunchGeometry.of(k, new Object[3], grid, "graph.sum", JAVA).local());
    }

    @Test
    void argumentsAreCheckedAndCanonicalised() {
        Kernel k = new Kernel("f", "pkg.Kernels.f");
        k.params.add(new Param.Array("a", 0, Type.FLOAT));
        k.params.add(new Param.Scalar("n", 2, k.newReg(Type.INT, "n")));
        k.params.add(new Param.Scalar("l", 3, k.newReg(Type.LONG, "l")));
        k.params.add(new Param.Scalar("d", 4, k.newReg(Type.DOUBLE, "d")));
        FloatArray a = new FloatArray(3);
        Object[] vals = KernelArguments.values(k, new Object[]{a, new KernelContext(), (short) 7, 8, 1.5f});
        assertEquals(a, vals[0]);
        assertEquals(7, vals[1]);
        assertEquals(8L, vals[2]);
        assertEquals(1.5, vals[3]);
        assertEquals(4, vals.length, "booleans reach kernels as ints: the IR has no boolean parameters");
        var e = assertThrows(IllegalArgumentException.class,
                () -> KernelArguments.values(k, new Object[]{new IntArray(3), null, 1, 1L, 1.0}));
        assertEquals("argument 0 ('a') of Kernels.f must be FloatArray, got IntArray", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelArguments.values(k, new Object[]{a, null, 1.0f, 1L, 1.0}));
        assertEquals("argument 2 ('n') of Kernels.f must be int, got Float", e.getMessage());
        assertEquals(1, KernelArguments.values(k, new Object[]{a, null, true, 1L, 1.0})[1], "a JVM boolean is an int");
        e = assertThrows(IllegalArgumentException.class, () -> KernelArguments.values(k, new Object[]{a, null, 1}));
        assertTrue(e.getMessage().contains("passes 3 argument(s)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelArguments.values(k, new Object[]{null, null, 1, 1L, 1.0}));
        assertTrue(e.getMessage().endsWith("got null"), e.getMessage());
    }

    @Test
    void aliasingIsDetected() {
        Kernel k = TestIr.binary("k", Type.FLOAT, Op.Binary.ADD);
        FloatArray a = new FloatArray(1), b = new FloatArray(1);
        assertTrue(KernelArguments.hasAliasedArrays(k, new Object[]{a, a, b}));
        assertFalse(KernelArguments.hasAliasedArrays(k, new Object[]{a, b, new FloatArray(1)}));
    }
}
