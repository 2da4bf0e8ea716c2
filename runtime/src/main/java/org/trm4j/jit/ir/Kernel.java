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
    /** Set when a @Reduce loop was lowered to a two-phase parallel reduction (hidden parameters), else null. */
    public LoweredReduction reduction;
    /** The accesses a bounds-checking pass instrumented, or null when the kernel checks none. */
    public CheckedAccesses checkedAccesses;

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

    /**
     * An independent copy for passes that rewrite IR: new blocks and lists (instructions, registers and
     * parameters are immutable and shared), so that the cached result of the front end stays as it was.
     */
    public Kernel copy() {
        Kernel c = new Kernel(name, source);
        c.params.addAll(params);
        c.localArrays.addAll(localArrays);
        c.regs.addAll(regs);
        c.parallelDims.addAll(parallelDims);
        c.reductionParams.addAll(reductionParams);
        c.usesKernelContext = usesKernelContext;
        c.checkedAccesses = checkedAccesses;
        c.reduction = reduction;
        for (Block b : blocks) {
            Block nb = c.newBlock();
            nb.instrs.addAll(b.instrs);
            nb.origin = b.origin;
        }
        for (Block b : blocks) c.blocks.get(b.id).terminator = switch (b.terminator) {
            case Terminator.Jump j -> new Terminator.Jump(c.blocks.get(j.target().id));
            case Terminator.Branch br -> new Terminator.Branch(br.cond(), c.blocks.get(br.ifTrue().id), c.blocks.get(br.ifFalse().id));
            case Terminator.Return r -> r;
            case null -> null;
        };
        return c;
    }

    /** "cannot render kernel for {target}: {what} [pkg.Class.method, block B3 (Class.m bci 12, line 40)]"; {@code at} may be null. */
    public UnsupportedOperationException unsupported(String target, Block at, String what) {
        String where = source + (at == null ? "" : ", block " + at.label() + (at.origin == null || at.origin.isEmpty() ? "" : " (" + at.origin + ")"));
        return new UnsupportedOperationException("cannot render kernel for " + target + ": " + what + " [" + where + "]");
    }

    @Override public String toString() { return IrPrinter.print(this); }
}
