package org.trm4j.jit.frontend;

import static org.junit.jupiter.api.Assertions.*;
import static org.trm4j.jit.frontend.IrQueries.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.ParallelDim;
import org.trm4j.jit.ir.ParallelDim.Bound;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/** The IR the front end builds has the expected shape. */
class FrontendStructureTest {

    static Kernel compile(String name) { return KernelCompiler.compile(kernel(TestKernels.class, name)); }

    @Test void vectorAddIsOneGridStrideLoopBoundByTheOutputSize() {
        Kernel k = compile("vectorAdd");
        assertEquals("vectorAdd", k.name);
        assertEquals("org.trm4j.jit.frontend.TestKernels.vectorAdd", k.source);
        assertEquals(List.of(new ParallelDim(0, new Bound.ArraySize(2))), k.parallelDims);
        assertEquals(List.of("a", "b", "c"), k.params.stream().map(Param::name).toList());
        assertTrue(k.params.stream().allMatch(p -> p instanceof Param.Array a && a.elementType() == Type.FLOAT));
        List<Instr.Thread> t = instrs(k, Instr.Thread.class);
        assertEquals(Set.of(Op.ThreadQuery.GLOBAL_ID, Op.ThreadQuery.GLOBAL_SIZE), t.stream().map(Instr.Thread::query).collect(Collectors.toSet()));
        assertEquals(2, t.size());
        assertEquals(2, instrs(k, Instr.Load.class).size());
        assertEquals(1, instrs(k, Instr.Store.class).size());
        assertEquals(1, backEdges(k));
        assertFalse(k.usesKernelContext);
        assertEquals(1, k.dimensions());
    }

    @Test void boundsAreClassified() {
        assertEquals(List.of(new ParallelDim(0, new Bound.ScalarArg(1))), compile("scaleN").parallelDims);
        assertEquals(List.of(new ParallelDim(0, new Bound.Constant(64))), compile("constantBound").parallelDims);
        assertEquals(List.of(new ParallelDim(0, new Bound.ScalarArg(3)), new ParallelDim(1, new Bound.ScalarArg(3))),
                compile("matmul").parallelDims);
        Kernel g = compile("grid3");
        // The innermost loop (x, bound nx) is dimension 0: the fastest hardware index.
        assertEquals(List.of(new ParallelDim(0, new Bound.ScalarArg(1)), new ParallelDim(1, new Bound.ScalarArg(2)),
                new ParallelDim(2, new Bound.ScalarArg(3))), g.parallelDims);
        assertEquals(3, g.dimensions());
    }

    @Test void scalarParametersGetRegistersAndNames() {
        Kernel k = compile("scaleN");
        assertEquals(3, k.params.size());
        assertInstanceOf(Param.Array.class, k.params.get(0));
        Param.Scalar n = (Param.Scalar) k.params.get(1), s = (Param.Scalar) k.params.get(2);
        assertEquals("n", n.name());
        assertEquals(Type.INT, n.reg().type());
        assertEquals(2, s.javaIndex());
        assertEquals(Type.FLOAT, s.reg().type());
        assertSame(k.regs.get(s.reg().id()), s.reg());
    }

    @Test void ternaryAtAMergeIsOneRegisterWrittenOnBothPaths() {
        Kernel k = compile("relu");
        // The merge block stores a value that arrives in a register written by both predecessors.
        Instr.Store store = instrs(k, Instr.Store.class).getFirst();
        Value.Reg v = assertInstanceOf(Value.Reg.class, store.value());
        Block merge = k.blocks.stream().filter(b -> b.instrs.contains(store)).findFirst().orElseThrow();
        List<Block> preds = predecessors(k, merge);
        assertEquals(2, preds.size());
        for (Block p : preds) {
            assertTrue(p.instrs.stream().anyMatch(i -> i instanceof Instr.Move m && m.dst().equals(v)),
                    () -> "predecessor " + p + " does not write " + v + "\n" + k);
        }
        // The float compare of `v > 0` branches to 0.0 when v is NaN.
        Instr.Compare c = instrs(k, Instr.Compare.class).stream().filter(x -> x.a().type() == Type.FLOAT).findFirst().orElseThrow();
        assertEquals(Op.Cond.LE, c.cond());
        assertTrue(c.unordered());
    }

    @Test void labelledBreakAndContinueGiveAReducibleCfgWithTwoLoops() {
        Kernel k = compile("labelled");
        assertTrue(reducible(k), k::toString);
        assertEquals(2, backEdges(k));
        assertEquals(1, k.blocks.stream().filter(IrQueries::isReturn).count());
        assertTrue(k.parallelDims.isEmpty());
    }

    @Test void everyKernelOfTheSuiteIsReducibleAndVerified() {
        for (var m : TestKernels.class.getDeclaredMethods()) {
            if (!java.lang.reflect.Modifier.isPublic(m.getModifiers())) continue;
            Kernel k = KernelCompiler.compile(m);
            assertTrue(allTerminated(k), m.getName());
            assertTrue(reducible(k), m.getName());
            assertDoesNotThrow(() -> IrVerifier.verify(k), m.getName());
            for (int i = 0; i < k.blocks.size(); i++) assertEquals(i, k.blocks.get(i).id);
        }
    }

    @Test void staticCallsAreInlined() {
        Kernel k = compile("withCalls");
        // square() and sumSquares() leave no trace but their arithmetic: one outer and one inner loop.
        assertEquals(2, backEdges(k));
        assertTrue(instrs(k, Instr.Binary.class).stream().anyMatch(b -> b.op() == Op.Binary.MUL && b.a().equals(b.b())));
    }

    @Test void mathCallsAreFaithfulToTheBytecode() {
        Kernel k = compile("maths");
        List<Instr.Call> calls = instrs(k, Instr.Call.class);
        assertTrue(calls.stream().anyMatch(c -> c.fn() == Op.Intrinsic.EXP && c.dst().type() == Type.DOUBLE), "Math.exp stays double");
        assertTrue(calls.stream().anyMatch(c -> c.fn() == Op.Intrinsic.SIGMOID && c.dst().type() == Type.FLOAT));
        assertTrue(calls.stream().anyMatch(c -> c.fn() == Op.Intrinsic.RSQRT && c.dst().type() == Type.FLOAT));
        assertTrue(calls.stream().anyMatch(c -> c.fn() == Op.Intrinsic.FMA && c.dst().type() == Type.FLOAT));
        assertTrue(calls.stream().anyMatch(c -> c.fn() == Op.Intrinsic.MIN && c.dst().type() == Type.INT));
        assertTrue(calls.stream().anyMatch(c -> c.fn() == Op.Intrinsic.ISNAN && c.dst().type() == Type.BOOL));
    }

    @Test void kernelContextBecomesThreadQueriesBarriersLocalArraysAndAtomics() {
        Kernel k = compile("context");
        assertTrue(k.usesKernelContext);
        assertEquals(List.of(1, 2), k.params.stream().map(Param::javaIndex).toList());
        assertEquals(List.of(new LocalArray("local0", Type.FLOAT, 16)), k.localArrays);
        assertEquals(1, instrs(k, Instr.Barrier.class).size());
        assertEquals(Op.BarrierScope.LOCAL, instrs(k, Instr.Barrier.class).getFirst().scope());
        assertEquals(1, instrs(k, Instr.AtomicAdd.class).size());
        Set<Op.ThreadQuery> q = instrs(k, Instr.Thread.class).stream().map(Instr.Thread::query).collect(Collectors.toSet());
        assertEquals(Set.of(Op.ThreadQuery.GLOBAL_ID, Op.ThreadQuery.LOCAL_ID, Op.ThreadQuery.LOCAL_SIZE, Op.ThreadQuery.GROUP_ID), q);
        assertTrue(k.parallelDims.isEmpty());
        assertTrue(instrs(k, Instr.Load.class).stream().anyMatch(l -> l.array() instanceof LocalArray));
    }

    @Test void switchBecomesACompareChain() {
        Kernel k = compile("withSwitch");
        List<Object> keys = new ArrayList<>();
        for (Instr.Compare c : instrs(k, Instr.Compare.class))
            if (c.cond() == Op.Cond.EQ && c.b() instanceof Value.Const v) keys.add(v.value());
        assertEquals(List.of(0, 1, 2, 100), keys);
    }

    @Test void byteArraysLoadAsInt() {
        Kernel k = compile("bytes");
        Instr.Load l = instrs(k, Instr.Load.class).getFirst();
        assertEquals(Type.BYTE, l.array().elementType());
        assertEquals(Type.INT, l.dst().type());
    }

    @Test void nonConstantStaticFinalIsReadByReflection() {
        Kernel k = KernelCompiler.compile(kernel(MoreKernels.class, "readsStaticFinal"));
        assertTrue(instrs(k, Instr.Store.class).stream().anyMatch(s -> s.value().equals(Value.Const.i32(MoreKernels.RUNTIME_CONSTANT))), k::toString);
    }

    @Test void compileIsCachedPerMethod() {
        assertSame(compile("vectorAdd"), compile("vectorAdd"));
        assertNotSame(compile("vectorAdd"), KernelCompiler.compileUncached(kernel(TestKernels.class, "vectorAdd")));
    }

    @Test void verifierRejectsBrokenIrWithTheKernelNameAndItsIr() {
        Kernel k = new Kernel("broken", "test.Broken.broken");
        Block b = k.newBlock();
        Value.Reg f = k.newReg(Type.FLOAT, "f");
        b.instrs.add(new Instr.Binary(f, Op.Binary.ADD, f, Value.Const.i32(1)));
        Block other = new Block(7);   // not part of the kernel
        b.terminator = new Terminator.Branch(f, other, other);
        IrVerifier.InvalidIrException e = assertThrows(IrVerifier.InvalidIrException.class, () -> IrVerifier.verify(k));
        assertTrue(e.getMessage().contains("broken"));
        assertTrue(e.getMessage().contains("kernel broken (test.Broken.broken)"), "prints the IR");
        assertTrue(e.problems.stream().anyMatch(p -> p.contains("binary operand b")));
        assertTrue(e.problems.stream().anyMatch(p -> p.contains("branch condition")));
        assertTrue(e.problems.stream().anyMatch(p -> p.contains("not a block of this kernel")));
    }
}
