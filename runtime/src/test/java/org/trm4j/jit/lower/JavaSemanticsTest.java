package org.trm4j.jit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Instrs;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;
import org.trm4j.jit.opencl.TestIr;

/**
 * What the renderers may rely on after {@link JavaSemantics}, checked on hand-built IR for every
 * operation on every type. (That the lowered IR still means what Java means is FrontendSemanticsTest's
 * job: it interprets the lowered IR of its kernels for each target; the conformance suite runs it.)
 */
class JavaSemanticsTest {
    private static final Map<String, Set<JavaSemantics.Capability>> TARGETS =
            Map.of("OpenCL", JavaSemantics.OPENCL_C, "PTX", JavaSemantics.PTX, "SPIR-V", JavaSemantics.SPIRV);

    @Test
    void everyRemainingOperationIsOneTheTargetsSpellNatively() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Kernel k : TestIr.everyOperation()) {
            for (var t : TARGETS.entrySet()) {
                Kernel l;
                try {
                    l = JavaSemantics.lower(k, t.getKey(), t.getValue());
                } catch (UnsupportedOperationException e) {
                    continue; // a grid-wide barrier: refused, tested below
                }
                problems.addAll(postconditions(l, t.getKey(), t.getValue()));
                checked++;
            }
        }
        assertTrue(checked > 300, "only " + checked + " lowered kernels");
        assertEquals(List.of(), problems);
    }

    /** The invariants JavaSemantics' javadoc promises. */
    private static List<String> postconditions(Kernel k, String target, Set<JavaSemantics.Capability> caps) {
        List<String> problems = new ArrayList<>();
        Map<Value.Reg, Instr> defs = new HashMap<>();
        for (Block b : k.blocks) for (Instr i : b.instrs) if (Instrs.def(i) != null) defs.put(Instrs.def(i), i);
        for (Block b : k.blocks)
            for (Instr i : b.instrs) {
                String where = target + " " + k.name + ": " + i;
                switch (i) {
                    case Instr.Binary(var d, var op, var a, var c) when op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR -> {
                        int mask = d.type() == Type.LONG ? 63 : 31;
                        boolean ok = c instanceof Value.Const cc ? ((Integer) cc.value() & ~mask) == 0
                                : defs.get(c) instanceof Instr.Binary(var md, var mop, var mx, var mm) && mop == Op.Binary.AND && mm.equals(Value.Const.i32(mask));
                        if (!ok) problems.add(where + ": shift count not masked");
                    }
                    case Instr.Binary(var d, var op, var a, var c) when (op == Op.Binary.DIV || op == Op.Binary.REM) && !d.type().isFloating() -> {
                        boolean ok = c instanceof Value.Const cc ? ((Number) cc.value()).longValue() != 0 && ((Number) cc.value()).longValue() != -1
                                : defs.get(c) instanceof Instr.Select s && s.a() instanceof Value.Const one && ((Number) one.value()).longValue() == 1;
                        if (!ok) problems.add(where + ": divisor may be 0 or -1");
                    }
                    case Instr.Convert(var d, var x) when x.type().isFloating() && !d.type().isFloating() -> {
                        boolean ok = defs.get(x) instanceof Instr.Select s && s.b() instanceof Value.Const z && ((Number) z.value()).doubleValue() == 0;
                        if (!ok) problems.add(where + ": conversion input not range-checked");
                    }
                    case Instr.Call c when c.fn() == Op.Intrinsic.SIGMOID || c.fn() == Op.Intrinsic.RSQRT -> problems.add(where + ": not lowered");
                    case Instr.Call c when (c.fn() == Op.Intrinsic.MIN || c.fn() == Op.Intrinsic.MAX) && c.dst().type().isFloating() ->
                            problems.add(where + ": float min/max not lowered");
                    case Instr.Compare c when c.a().type() == Type.BOOL -> problems.add(where + ": boolean compare");
                    case Instr.Select s when s.dst().type() == Type.BOOL && !caps.contains(JavaSemantics.Capability.BOOLEAN_SELECT) ->
                            problems.add(where + ": boolean select on a target without it");
                    case Instr.Compare c when c.unordered() && !caps.contains(JavaSemantics.Capability.UNORDERED_COMPARE) ->
                            problems.add(where + ": unordered compare on a target without them");
                    default -> {}
                }
            }
        return problems;
    }

    @Test
    void unorderedComparesStayWhereTheTargetHasThem() {
        Kernel k = TestIr.compare("ltu", Type.FLOAT, Op.Cond.LT, true);
        assertTrue(count(JavaSemantics.lower(k, "PTX", JavaSemantics.PTX), i -> i instanceof Instr.Compare c && c.unordered()) == 1);
        assertTrue(count(JavaSemantics.lower(k, "OpenCL", JavaSemantics.OPENCL_C), i -> i instanceof Instr.Compare c && c.unordered()) == 0);
    }

    @Test
    void theSharedFrontEndIrIsNotChanged() {
        Kernel k = TestIr.binary("div", Type.INT, Op.Binary.DIV);
        String before = k.toString();
        JavaSemantics.lower(k, "OpenCL", JavaSemantics.OPENCL_C);
        assertEquals(before, k.toString());
    }

    @Test
    void aGridBarrierIsRefusedOnceForEveryTarget() {
        Kernel k = new Kernel("gb", "test.K.gb");
        Block b = k.newBlock();
        b.origin = "bci 7, line 12";
        b.instrs.add(new Instr.Barrier(Op.BarrierScope.GLOBAL));
        b.terminator = new Terminator.Return();
        for (var t : TARGETS.entrySet()) {
            var e = assertThrows(UnsupportedOperationException.class, () -> JavaSemantics.lower(k, t.getKey(), t.getValue()));
            assertTrue(e.getMessage().contains("globalBarrier()") && e.getMessage().contains(t.getKey()) && e.getMessage().contains("line 12"), e.getMessage());
        }
        assertEquals(1, JavaSemantics.lower(k, "a grid-synchronising target", Set.of(JavaSemantics.Capability.GRID_BARRIER)).blocks.getFirst().instrs.size());
    }

    private static int count(Kernel k, java.util.function.Predicate<Instr> p) {
        int n = 0;
        for (Block b : k.blocks) for (Instr i : b.instrs) if (p.test(i)) n++;
        return n;
    }
}
