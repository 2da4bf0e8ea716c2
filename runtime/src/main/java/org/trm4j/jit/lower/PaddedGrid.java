package org.trm4j.jit.lower;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * Lets a KernelContext kernel run on a grid rounded up past its global size in x, so that a global size with no
 * good divisor (a prime) still gets full blocks instead of blocks of one thread. The real size comes in a hidden
 * int parameter; work-items at or past it return at once, and {@code ctx.globalGroupSizeX} reads the real size.
 * Only for kernels without barriers or local memory: an early return would strand the rest of a group at a barrier.
 * <pre>
 *   entry: gid = global_id(0); out = gid &gt;= size; if (out) goto exit else goto body
 *   body:  the kernel as it was (global_size(0) replaced by size)
 *   exit:  return
 * </pre>
 */
public final class PaddedGrid {
    private PaddedGrid() {}

    /** Name of the hidden parameter with the real global size in x. */
    public static final String GLOBAL_SIZE = "trm_global_size_x";

    /** Whether {@code k} may run on a padded grid: a KernelContext kernel with no barrier and no local array. */
    public static boolean applies(Kernel k) {
        if (!k.parallelDims.isEmpty() || !k.usesKernelContext || !k.localArrays.isEmpty()) return false;
        for (Block b : k.blocks) for (Instr i : b.instrs) if (i instanceof Instr.Barrier) return false;
        return true;
    }

    /** The hidden parameter of a padded kernel, or null when {@code k} is not padded. */
    public static Param.Scalar sizeParam(Kernel k) {
        for (Param p : k.params) if (p instanceof Param.Scalar s && s.name().equals(GLOBAL_SIZE)) return s;
        return null;
    }

    /** A padded copy of {@code k}; the hidden parameter takes the host argument at {@code javaIndex}. */
    public static Kernel apply(Kernel k, int javaIndex) {
        if (!applies(k)) throw new IllegalArgumentException(k.source + " uses barriers or local memory: its grid cannot be padded");
        Kernel c = k.copy();
        Value.Reg size = c.newReg(Type.INT, "global_size_x");
        c.params.add(new Param.Scalar(GLOBAL_SIZE, javaIndex, size));
        for (Block b : c.blocks)
            b.instrs.replaceAll(i -> i instanceof Instr.Thread t && t.query() == Op.ThreadQuery.GLOBAL_SIZE && t.dim() == 0
                    ? new Instr.Move(t.dst(), size) : i);
        // The entry's code moves to a new block; the entry becomes the guard. A jump back to the entry re-runs the
        // guard, which gives the same answer.
        Block entry = c.entry(), body = c.newBlock(), exit = c.newBlock();
        body.instrs.addAll(entry.instrs);
        body.terminator = entry.terminator;
        body.origin = exit.origin = entry.origin;
        exit.terminator = new Terminator.Return();
        entry.instrs.clear();
        Value.Reg gid = c.newReg(Type.INT, "gid"), out = c.newReg(Type.BOOL, "past_end");
        entry.instrs.add(new Instr.Thread(gid, Op.ThreadQuery.GLOBAL_ID, 0));
        entry.instrs.add(new Instr.Compare(out, Op.Cond.GE, gid, size, false));
        entry.terminator = new Terminator.Branch(out, exit, body);
        IrVerifier.verify(c, "padded grid");
        return c;
    }
}
