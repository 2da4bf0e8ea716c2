package org.trm4j.jit.ir;

import java.util.ArrayList;
import java.util.List;

/** What an instruction defines and reads, for passes and analyses. */
public final class Instrs {
    private Instrs() {}

    /** The register {@code i} writes, or null (stores, barriers, an atomicAdd whose old value is unused). */
    public static Value.Reg def(Instr i) {
        return switch (i) {
            case Instr.Move m -> m.dst();
            case Instr.Binary b -> b.dst();
            case Instr.Unary u -> u.dst();
            case Instr.Convert c -> c.dst();
            case Instr.Bitcast c -> c.dst();
            case Instr.Compare c -> c.dst();
            case Instr.Select s -> s.dst();
            case Instr.Call c -> c.dst();
            case Instr.Load l -> l.dst();
            case Instr.Store s -> null;
            case Instr.ArrayLength a -> a.dst();
            case Instr.Thread t -> t.dst();
            case Instr.Barrier b -> null;
            case Instr.AtomicAdd a -> a.dst();
        };
    }

    /** The operands {@code i} reads, in order (constants included). */
    public static List<Value> uses(Instr i) {
        return switch (i) {
            case Instr.Move m -> List.of(m.src());
            case Instr.Binary b -> List.of(b.a(), b.b());
            case Instr.Unary u -> List.of(u.a());
            case Instr.Convert c -> List.of(c.src());
            case Instr.Bitcast c -> List.of(c.src());
            case Instr.Compare c -> List.of(c.a(), c.b());
            case Instr.Select s -> List.of(s.cond(), s.a(), s.b());
            case Instr.Call c -> c.args();
            case Instr.Load l -> List.of(l.index());
            case Instr.Store s -> List.of(s.index(), s.value());
            case Instr.ArrayLength a -> List.of();
            case Instr.Thread t -> List.of();
            case Instr.Barrier b -> List.of();
            case Instr.AtomicAdd a -> List.of(a.index(), a.value());
        };
    }

    /** The blocks {@code b} may continue in. */
    public static List<Block> successors(Block b) {
        return switch (b.terminator) {
            case Terminator.Jump j -> List.of(j.target());
            case Terminator.Branch br -> br.ifTrue() == br.ifFalse() ? List.of(br.ifTrue()) : List.of(br.ifTrue(), br.ifFalse());
            case Terminator.Return r -> List.of();
            case null -> List.of();
        };
    }

    /** Predecessor lists, indexed by block id (ids must match positions, as IrVerifier checks). */
    public static List<List<Block>> predecessors(Kernel k) {
        List<List<Block>> preds = new ArrayList<>();
        for (int i = 0; i < k.blocks.size(); i++) preds.add(new ArrayList<>());
        for (Block b : k.blocks) for (Block s : successors(b)) preds.get(s.id).add(b);
        return preds;
    }
}
