package org.trm4j.jit.lower;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Instrs;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Value;

import java.util.List;

/**
 * Relaxed maths: contracts a float or double multiply whose only use is an add or subtract into one fused
 * multiply-add ({@code FMA}, rounded once), as C compilers do under {@code FP_CONTRACT ON} and TornadoVM does by
 * default. Written once, as IR, so every renderer emits its own fma (OpenCL C {@code fma}, PTX {@code fma.rn},
 * SPIR-V {@code OpenCL.std fma}). Results then differ from Java's in the last bits: the strict default (no
 * contraction) stays for the conformance suite; a plan asks for this pass with {@code withRelaxedMath()}.
 * <pre>
 *   t = a * b;  d = t + c   ->  d = fma(a, b, c)
 *   t = a * b;  d = c + t   ->  d = fma(a, b, c)
 *   t = a * b;  d = t - c   ->  n = -c;  d = fma(a, b, n)
 *   t = a * b;  d = c - t   ->  n = -a;  d = fma(n, b, c)
 * </pre>
 * Only within one block, where {@code t} is read exactly once in the whole kernel and neither {@code a} nor
 * {@code b} is reassigned between the two instructions (registers are not SSA).
 */
public final class ContractMultiplyAdd {
    private ContractMultiplyAdd() {}

    /** A copy of {@code k} with every contractible pair fused; {@code k} itself is not changed. */
    public static Kernel apply(Kernel k) {
        Kernel c = k.copy();
        int[] reads = readCounts(c);
        int[] writes = writeCounts(c);
        for (Block b : c.blocks) contract(c, b, reads, writes);
        IrVerifier.verify(c, "multiply-add contraction");
        return c;
    }

    private static void contract(Kernel k, Block b, int[] reads, int[] writes) {
        List<Instr> in = b.instrs;
        for (int i = 0; i < in.size(); i++) {
            if (!(in.get(i) instanceof Instr.Binary mul) || mul.op() != Op.Binary.MUL || !mul.dst().type().isFloating()) continue;
            Value.Reg t = mul.dst();
            if (reads[t.id()] != 1 || writes[t.id()] != 1) continue;
            for (int j = i + 1; j < in.size(); j++) {
                Instr next = in.get(j);
                if (next instanceof Instr.Binary add && (add.op() == Op.Binary.ADD || add.op() == Op.Binary.SUB)
                        && (add.a().equals(t) || add.b().equals(t)) && add.dst().type() == t.type()) {
                    // The fused op takes the add's place: the add's other operand may be computed after the multiply.
                    in.remove(j);
                    in.addAll(j, fused(k, mul, add, t));
                    in.remove(i);
                    i--; // re-examine from the same place
                    break;
                }
                Value.Reg d = Instrs.def(next);
                if (d != null && (d.equals(mul.a()) || d.equals(mul.b()) || d.equals(t))) break; // an operand changed
                if (Instrs.uses(next).contains(t)) break; // t's one read is not an add
            }
        }
    }

    private static List<Instr> fused(Kernel k, Instr.Binary mul, Instr.Binary add, Value.Reg t) {
        Value a = mul.a(), m = mul.b();
        boolean tFirst = add.a().equals(t);
        Value other = tFirst ? add.b() : add.a();
        if (add.op() == Op.Binary.ADD)
            return List.of(new Instr.Call(add.dst(), Op.Intrinsic.FMA, List.of(a, m, other)));
        Value.Reg neg = k.newReg(t.type(), "neg");
        if (tFirst) // a*b - c
            return List.of(new Instr.Unary(neg, Op.Unary.NEG, other), new Instr.Call(add.dst(), Op.Intrinsic.FMA, List.of(a, m, neg)));
        return List.of(new Instr.Unary(neg, Op.Unary.NEG, a), new Instr.Call(add.dst(), Op.Intrinsic.FMA, List.of(neg, m, other))); // c - a*b
    }

    private static int[] readCounts(Kernel k) {
        int[] n = new int[k.regs.size()];
        for (Block b : k.blocks) {
            for (Instr i : b.instrs) for (Value v : Instrs.uses(i)) if (v instanceof Value.Reg r) n[r.id()]++;
            if (b.terminator instanceof Terminator.Branch br && br.cond() instanceof Value.Reg r) n[r.id()]++;
        }
        return n;
    }

    private static int[] writeCounts(Kernel k) {
        int[] n = new int[k.regs.size()];
        for (Block b : k.blocks)
            for (Instr i : b.instrs) {
                Value.Reg d = Instrs.def(i);
                if (d != null) n[d.id()]++;
            }
        return n;
    }
}
