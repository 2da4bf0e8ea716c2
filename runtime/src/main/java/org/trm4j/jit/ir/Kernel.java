package org.trm4j.jit.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A kernel in IR form: parameters, local arrays, registers and a CFG whose first block is the entry.
 * Loop-parallel kernels are already lowered to thread-indexed form ({@link #parallelDims} non-empty);
 * KernelContext kernels have none and read their geometry with {@link Instr.Thread}.
 */
public final class Kernel {
    public final String name;
    /** "pkg.Class.method" of the Java source, for messages. */
    public final String source;
    public final List<Param> params = new ArrayList<>();
    public final List<LocalArray> localArrays = new ArrayList<>();
    public final List<Value.Reg> regs = new ArrayList<>();
    public final List<Block> blocks = new ArrayList<>();
    public final List<ParallelDim> parallelDims = new ArrayList<>();
    /** Java parameter indices of the @Reduce arrays: the runtime must not split their loop naively. */
    public final List<Integer> reductionParams = new ArrayList<>();
    /** True when the Java method takes a KernelContext. */
    public boolean usesKernelContext;

    public Kernel(String name, String source) { this.name = name; this.source = source; }

    public Value.Reg newReg(Type type, String hint) {
        Value.Reg r = new Value.Reg(regs.size(), type, hint);
        regs.add(r);
        return r;
    }

    public Block newBlock() {
        Block b = new Block(blocks.size());
        blocks.add(b);
        return b;
    }

    public Block entry() { return blocks.getFirst(); }

    /** Number of grid dimensions the kernel uses (1..3). */
    public int dimensions() {
        int d = parallelDims.stream().mapToInt(p -> p.dim() + 1).max().orElse(1);
        for (Block b : blocks)
            for (Instr i : b.instrs)
                if (i instanceof Instr.Thread t) d = Math.max(d, t.dim() + 1);
        return d;
    }

    @Override public String toString() { return IrPrinter.print(this); }
}
