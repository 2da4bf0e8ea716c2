package org.trm4j.backend.opencl;

import org.junit.jupiter.api.Test;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.ParallelDim;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;
import org.trm4j.jit.opencl.TestIr;
import org.trm4j.runtime.Backends;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The opencl backend on the machine's OpenCL devices (PoCL here), with hand-built IR. */
class OpenClDeviceTest {

    @Test
    void listsDevicesWithTheirProperties() {
        List<OpenClDevice> devices = OpenClTestSupport.devices();
        for (OpenClDevice d : devices) {
            assertTrue(d.id().matches("opencl:\\d+:\\d+"), d.id());
            assertEquals("opencl", d.backend());
            assertFalse(d.name().isBlank());
            assertTrue(d.computeUnits() > 0, d.toString());
            assertTrue(d.globalMemoryBytes() > 0, d.toString());
            assertTrue(d.localMemoryBytes() > 0, d.toString());
            assertTrue(d.maxWorkGroupSize() > 0, d.toString());
            assertTrue(d.backendVersion().startsWith("OpenCL "), d.backendVersion());
            assertTrue(d.info().hasExtension("cl_khr_global_int32_base_atomics") || d.backendVersion().contains("OpenCL 3"), d.info().extensions().toString());
            System.out.println(d + " extensions=" + d.info().extensions());
        }
        assertEquals("opencl:0:0", devices.getFirst().id());
    }

    @Test
    void isRegisteredAsAServiceAndAnswersWithoutThrowing() {
        assertTrue(Backends.all().stream().anyMatch(b -> b instanceof OpenClBackend), Backends.all().toString());
        OpenClBackend b = new OpenClBackend();
        assertEquals("opencl", b.name());
        assertTrue(b.devices().isEmpty() == (b.unavailableReason() != null));
    }

    @Test
    void vectorAddOnEveryDevice() {
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            int n = 1000; // deliberately not a multiple of any work-group size
            FloatArray a = new FloatArray(n), b = new FloatArray(n), c = new FloatArray(n);
            for (int i = 0; i < n; i++) { a.set(i, i * 0.5f); b.set(i, 1000f - i); }
            c.init(Float.NaN);
            long nanos = OpenClTestSupport.run(d, TestIr.binary("add", Type.FLOAT, Op.Binary.ADD), a, b, c);
            for (int i = 0; i < n; i++) assertEquals(a.get(i) + b.get(i), c.get(i), "c[" + i + "] on " + d.id());
            assertTrue(nanos >= 0, "kernel time " + nanos);
        }
    }

    @Test
    void launchCopiesArraysThatAreNotOnTheDeviceYet() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        FloatArray a = FloatArray.fromElements(1, 2, 3), b = FloatArray.fromElements(10, 20, 30), c = new FloatArray(3);
        OpenClKernel k = d.compile(null, TestIr.binary("add", Type.FLOAT, Op.Binary.ADD));
        d.launch(k, new Object[]{a, b, c}, null);
        assertTrue(d.isResident(a));
        d.copyToHost(c);
        assertArrayEquals(new float[]{11, 22, 33}, c.toHeapArray());
        // The buffers stay resident: a second launch after changing only 'a' on the device side still sees 'b'.
        a.set(0, 100);
        d.copyToDevice(a);
        d.launch(k, new Object[]{a, b, c}, null);
        d.copyToHost(c);
        assertArrayEquals(new float[]{110, 22, 33}, c.toHeapArray());
        for (var x : List.of(a, b, c)) d.release(x);
        assertFalse(d.isResident(a));
    }

    @Test
    void oneArrayPassedTwiceUsesTheBuildWithoutRestrict() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        FloatArray a = FloatArray.fromElements(1, 2, 3);
        OpenClTestSupport.run(d, TestIr.binary("mul", Type.FLOAT, Op.Binary.MUL), a, a, a);
        assertArrayEquals(new float[]{1, 4, 9}, a.toHeapArray());
    }

    @Test
    void wrongArgumentTypesAreNamed() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        OpenClKernel k = d.compile(null, TestIr.binary("add", Type.FLOAT, Op.Binary.ADD));
        var e = assertThrows(IllegalArgumentException.class,
                () -> d.launch(k, new Object[]{new FloatArray(4), new IntArray(4), new FloatArray(4)}, null));
        assertEquals("argument 1 ('b') of TestKernels.add must be FloatArray, got IntArray", e.getMessage());
    }

    @Test
    void brokenSourceReportsTheBuildLogAndNumberedSource() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        String src = "__kernel void broken(__global float* x) {\n    x[0] = undeclared_thing;\n}\n";
        var e = assertThrows(OpenClBuildException.class, () -> d.buildProgramFromSource(src, d.defaultBuildOptions(), "broken"));
        assertEquals(-11, e.code());
        assertTrue(e.getMessage().contains("CL_BUILD_PROGRAM_FAILURE"), e.getMessage());
        assertTrue(e.getMessage().contains("undeclared_thing"), e.getMessage());
        assertFalse(e.buildLog().isBlank());
        assertTrue(e.getMessage().contains("2|     x[0] = undeclared_thing;"), e.getMessage());
    }

    @Test
    void scalarArgumentsAndAScalarLoopBound() {
        // out[i] = a[i] * s for i < n (n is argument 3, s argument 2)
        Kernel k = new Kernel("scale", "test.TestKernels.scale");
        Param.Array a = new Param.Array("a", 0, Type.FLOAT), out = new Param.Array("out", 1, Type.FLOAT);
        Value.Reg s = k.newReg(Type.FLOAT, "s"), n = k.newReg(Type.INT, "n");
        k.params.addAll(List.of(a, out, new Param.Scalar("s", 2, s), new Param.Scalar("n", 3, n)));
        Value.Reg i = k.newReg(Type.INT, "i"), step = k.newReg(Type.INT, "step"), more = k.newReg(Type.BOOL, "more"), x = k.newReg(Type.FLOAT, "x");
        Block entry = k.newBlock(), head = k.newBlock(), body = k.newBlock(), exit = k.newBlock();
        entry.instrs.add(new Instr.Thread(i, Op.ThreadQuery.GLOBAL_ID, 0));
        entry.instrs.add(new Instr.Thread(step, Op.ThreadQuery.GLOBAL_SIZE, 0));
        entry.terminator = new Terminator.Jump(head);
        head.instrs.add(new Instr.Compare(more, Op.Cond.LT, i, n, false));
        head.terminator = new Terminator.Branch(more, body, exit);
        body.instrs.add(new Instr.Load(x, a, i));
        body.instrs.add(new Instr.Binary(x, Op.Binary.MUL, x, s));
        body.instrs.add(new Instr.Store(out, i, x));
        body.instrs.add(new Instr.Binary(i, Op.Binary.ADD, i, step));
        body.terminator = new Terminator.Jump(head);
        exit.terminator = new Terminator.Return();
        k.parallelDims.add(new ParallelDim(0, new ParallelDim.Bound.ScalarArg(3)));
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray in = FloatArray.fromElements(1, 2, 3, 4, 5), o = new FloatArray(5);
            o.init(-1);
            OpenClTestSupport.run(d, k, in, o, 2.5f, 3);
            assertArrayEquals(new float[]{2.5f, 5, 7.5f, -1, -1}, o.toHeapArray());
            // A user grid smaller than the range: the grid-stride loop still covers it, and a local size that does not divide rounds up.
            WorkerGrid1D g = new WorkerGrid1D(3);
            g.setLocalWork(2, 1, 1);
            o.init(-1);
            OpenClTestSupport.run(d, k, g, in, o, 2f, 5);
            assertArrayEquals(new float[]{2, 4, 6, 8, 10}, o.toHeapArray());
        }
    }

    /** Sums each work-group's slice in local memory with a tree of localBarrier()s; out[group] = sum. */
    static Kernel groupSum(int groupSize) {
        Kernel k = new Kernel("groupSum", "test.TestKernels.groupSum");
        k.usesKernelContext = true;
        Param.Array in = new Param.Array("in", 0, Type.FLOAT), out = new Param.Array("out", 1, Type.FLOAT);
        k.params.addAll(List.of(in, out)); // the KernelContext is Java argument 2
        LocalArray tile = new LocalArray("tile", Type.FLOAT, groupSize);
        k.localArrays.add(tile);
        Value.Reg gid = k.newReg(Type.INT, "gid"), lid = k.newReg(Type.INT, "lid"), grp = k.newReg(Type.INT, "grp"),
                lsz = k.newReg(Type.INT, "lsz"), s = k.newReg(Type.INT, "s"), c = k.newReg(Type.BOOL, "c"),
                t1 = k.newReg(Type.FLOAT, "t1"), t2 = k.newReg(Type.FLOAT, "t2"), idx = k.newReg(Type.INT, "idx");
        Block b0 = k.newBlock(), head = k.newBlock(), active = k.newBlock(), add = k.newBlock(), next = k.newBlock(),
                done = k.newBlock(), write = k.newBlock(), ret = k.newBlock();
        b0.instrs.add(new Instr.Thread(gid, Op.ThreadQuery.GLOBAL_ID, 0));
        b0.instrs.add(new Instr.Thread(lid, Op.ThreadQuery.LOCAL_ID, 0));
        b0.instrs.add(new Instr.Thread(grp, Op.ThreadQuery.GROUP_ID, 0));
        b0.instrs.add(new Instr.Thread(lsz, Op.ThreadQuery.LOCAL_SIZE, 0));
        b0.instrs.add(new Instr.Load(t1, in, gid));
        b0.instrs.add(new Instr.Store(tile, lid, t1));
        b0.instrs.add(new Instr.Barrier(Op.BarrierScope.LOCAL));
        b0.instrs.add(new Instr.Binary(s, Op.Binary.SHR, lsz, Value.Const.i32(1)));
        b0.terminator = new Terminator.Jump(head);
        head.instrs.add(new Instr.Compare(c, Op.Cond.GT, s, Value.Const.i32(0), false));
        head.terminator = new Terminator.Branch(c, active, done);
        active.instrs.add(new Instr.Compare(c, Op.Cond.LT, lid, s, false));
        active.terminator = new Terminator.Branch(c, add, next);
        add.instrs.add(new Instr.Load(t1, tile, lid));
        add.instrs.add(new Instr.Binary(idx, Op.Binary.ADD, lid, s));
        add.instrs.add(new Instr.Load(t2, tile, idx));
        add.instrs.add(new Instr.Binary(t1, Op.Binary.ADD, t1, t2));
        add.instrs.add(new Instr.Store(tile, lid, t1));
        add.terminator = new Terminator.Jump(next);
        next.instrs.add(new Instr.Barrier(Op.BarrierScope.LOCAL));
        next.instrs.add(new Instr.Binary(s, Op.Binary.SHR, s, Value.Const.i32(1)));
        next.terminator = new Terminator.Jump(head);
        done.instrs.add(new Instr.Compare(c, Op.Cond.EQ, lid, Value.Const.i32(0), false));
        done.terminator = new Terminator.Branch(c, write, ret);
        write.instrs.add(new Instr.Load(t1, tile, Value.Const.i32(0)));
        write.instrs.add(new Instr.Store(out, grp, t1));
        write.terminator = new Terminator.Jump(ret);
        ret.terminator = new Terminator.Return();
        return k;
    }

    @Test
    void kernelContextReductionWithLocalMemoryAndBarriers() {
        int group = 64, groups = 16;
        Kernel k = groupSum(group);
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            FloatArray in = new FloatArray(group * groups), out = new FloatArray(groups);
            for (int i = 0; i < in.getSize(); i++) in.set(i, i % 7);
            WorkerGrid1D g = new WorkerGrid1D(group * groups);
            g.setLocalWork(group, 1, 1);
            OpenClTestSupport.run(d, k, g, in, out, new KernelContext());
            for (int j = 0; j < groups; j++) {
                float expect = 0;
                for (int i = 0; i < group; i++) expect += in.get(j * group + i);
                assertEquals(expect, out.get(j), "group " + j + " on " + d.id());
            }
        }
    }

    @Test
    void kernelContextKernelWithoutAGridAsksForAGridScheduler() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        OpenClKernel k = d.compile(null, groupSum(8));
        var e = assertThrows(IllegalArgumentException.class,
                () -> d.launch(k, new Object[]{new FloatArray(8), new FloatArray(1), new KernelContext()}, null));
        assertTrue(e.getMessage().contains("GridScheduler"), e.getMessage());
        assertTrue(e.getMessage().contains("TestKernels.groupSum"), e.getMessage());
    }

    @Test
    void atomicAddBuildsAHistogram() {
        // counts[a[i] & 7] += 1, atomically, over a grid-stride loop
        Kernel k = TestIr.map2("hist", Type.INT, Type.INT, Type.INT, (kk, blk, x, y) -> {
            Value.Reg bin = kk.newReg(Type.INT, "bin");
            blk.instrs.add(new Instr.Binary(bin, Op.Binary.AND, x, Value.Const.i32(7)));
            blk.instrs.add(new Instr.AtomicAdd(null, (Param.Array) kk.params.get(1), bin, Value.Const.i32(1)));
            return x; // out[i] = a[i]
        });
        for (OpenClDevice d : OpenClTestSupport.devices()) {
            int n = 10_000;
            IntArray a = new IntArray(n), counts = new IntArray(8), copy = new IntArray(n);
            for (int i = 0; i < n; i++) a.set(i, i * 31 + 5);
            OpenClTestSupport.run(d, k, a, counts, copy);
            int[] expect = new int[8];
            for (int i = 0; i < n; i++) expect[a.get(i) & 7]++;
            assertArrayEquals(expect, counts.toHeapArray(), d.id());
            assertArrayEquals(a.toHeapArray(), copy.toHeapArray());
        }
    }

    @Test
    void closeReleasesEverythingAndTheDeviceCanBeUsedAgain() {
        OpenClDevice d = OpenClTestSupport.devices().getFirst();
        FloatArray a = FloatArray.fromElements(1, 2), c = new FloatArray(2);
        OpenClKernel k = d.compile(null, TestIr.binary("add", Type.FLOAT, Op.Binary.ADD));
        d.launch(k, new Object[]{a, a, c}, null);
        d.close();
        assertFalse(d.isResident(a));
        assertThrows(IllegalStateException.class, () -> d.launch(k, new Object[]{a, a, c}, null));
        OpenClTestSupport.run(d, TestIr.binary("add", Type.FLOAT, Op.Binary.ADD), a, a, c);
        assertArrayEquals(new float[]{2, 4}, c.toHeapArray());
    }
}
