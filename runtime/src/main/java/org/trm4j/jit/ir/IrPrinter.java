package org.trm4j.jit.ir;

/** Prints a kernel's IR as text, for debugging and error messages. */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(Kernel k) {
        StringBuilder sb = new StringBuilder();
        sb.append("kernel ").append(k.name).append(" (").append(k.source).append(")\n");
        for (Param p : k.params) sb.append("  param ").append(p).append('\n');
        for (LocalArray l : k.localArrays) sb.append("  local ").append(l).append('\n');
        for (ParallelDim d : k.parallelDims) sb.append("  parallel ").append(d).append('\n');
        for (Block b : k.blocks) {
            sb.append(b.label()).append(":  ; ").append(b.origin).append('\n');
            for (Instr i : b.instrs) sb.append("    ").append(i).append('\n');
            sb.append("    ").append(b.terminator).append('\n');
        }
        return sb.toString();
    }
}
