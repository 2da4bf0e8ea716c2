package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Instrs;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Value;

import java.util.BitSet;

/** Registers live on entry to each block (read on some path before being written), by the usual backward fixpoint. */
final class Liveness {
    private final BitSet[] liveIn;

    Liveness(Kernel k) {
        int n = k.blocks.size();
        BitSet[] use = new BitSet[n], def = new BitSet[n];
        liveIn = new BitSet[n];
        for (Block b : k.blocks) {
            BitSet u = new BitSet(), d = new BitSet();
            for (Instr i : b.instrs) {
                for (Value v : Instrs.uses(i)) if (v instanceof Value.Reg r && !d.get(r.id())) u.set(r.id());
                Value.Reg w = Instrs.def(i);
                if (w != null) d.set(w.id());
            }
            if (b.terminator instanceof Terminator.Branch br && br.cond() instanceof Value.Reg r && !d.get(r.id())) u.set(r.id());
            use[b.id] = u;
            def[b.id] = d;
            liveIn[b.id] = (BitSet) u.clone();
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int bi = n - 1; bi >= 0; bi--) {
                Block b = k.blocks.get(bi);
                BitSet out = new BitSet();
                for (Block s : Instrs.successors(b)) out.or(liveIn[s.id]);
                out.andNot(def[bi]);
                out.or(use[bi]);
                if (!out.equals(liveIn[bi])) {
                    liveIn[bi] = out;
                    changed = true;
                }
            }
        }
    }

    boolean liveIn(Block b, Value.Reg r) { return liveIn[b.id].get(r.id()); }
}
