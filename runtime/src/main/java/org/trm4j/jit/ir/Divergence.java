package org.trm4j.jit.ir;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which blocks of a kernel the work-items of one group may disagree about executing.
 *
 * <p>A value is <em>uniform</em> when every work-item of a group computes the same: constants,
 * scalar parameters, array lengths, group ids and sizes, and whatever is computed from uniform
 * values only, such as the counter of a loop with uniform bounds. Local and global ids are
 * varying, and so, conservatively, is everything loaded from memory or returned by an atomic.
 * A branch on a varying value is divergent; a block is divergent when it is control dependent
 * (in the post-dominator sense) on a divergent branch or on any branch inside a divergent block,
 * which covers both {@code if (varying) { ... }} and the code after an early
 * {@code if (varying) return;}. A register written inside a divergent block is varying after it.
 *
 * <p>Registers are not SSA (one register may be written on several paths), so the analysis tracks
 * reaching definitions: a use is varying when any definition that reaches it is.
 */
public final class Divergence {
    private final Kernel k;
    private final BitSet divergentBlocks = new BitSet();

    private Divergence(Kernel k) { this.k = k; }

    /** Analyses {@code k} (which must pass IrVerifier); the kernel is not changed. */
    public static Divergence of(Kernel k) {
        Divergence d = new Divergence(k);
        d.run();
        return d;
    }

    /** True when not every work-item of a group that reaches the kernel's entry is sure to execute {@code b}. */
    public boolean isDivergent(Block b) { return divergentBlocks.get(b.id); }

    // ---- definitions: index r < regs for "the value on entry" of register r, then one per defining instruction ----

    private void run() {
        int n = k.blocks.size(), regs = k.regs.size();
        int defs = 0;
        List<BitSet> defsOfReg = new ArrayList<>();
        for (int r = 0; r < regs; r++) {
            BitSet s = new BitSet();
            s.set(r);
            defsOfReg.add(s);
        }
        BitSet[] gen = new BitSet[n], kill = new BitSet[n];
        int[][] defIdAt = new int[n][];
        for (Block b : k.blocks) {
            defIdAt[b.id] = new int[b.instrs.size()];
            for (int i = 0; i < b.instrs.size(); i++) {
                Value.Reg d = Instrs.def(b.instrs.get(i));
                defIdAt[b.id][i] = -1;
                if (d == null) continue;
                int id = regs + defs++;
                defsOfReg.get(d.id()).set(id);
                defIdAt[b.id][i] = id;
            }
        }
        for (Block b : k.blocks) {
            BitSet g = new BitSet(), kl = new BitSet();
            for (int i = 0; i < b.instrs.size(); i++) {
                Value.Reg d = Instrs.def(b.instrs.get(i));
                if (d == null) continue;
                g.andNot(defsOfReg.get(d.id()));
                g.set(defIdAt[b.id][i]);
                kl.or(defsOfReg.get(d.id()));
            }
            gen[b.id] = g;
            kill[b.id] = kl;
        }
        BitSet[] in = reachingDefinitions(gen, kill, regs);
        BitSet[] controllers = controlDependences();

        BitSet varyingDefs = new BitSet();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : k.blocks) {
                boolean divergent = divergentBlocks.get(b.id);
                // current reaching definition per register inside the block: -1 = use in[b]
                int[] local = new int[regs];
                java.util.Arrays.fill(local, -1);
                for (int i = 0; i < b.instrs.size(); i++) {
                    Instr instr = b.instrs.get(i);
                    Value.Reg d = Instrs.def(instr);
                    if (d != null) {
                        int id = defIdAt[b.id][i];
                        boolean varying = divergent || isVaryingSource(instr);
                        for (Value v : Instrs.uses(instr)) varying |= varying(v, local, in[b.id], defsOfReg, varyingDefs);
                        if (varying && !varyingDefs.get(id)) {
                            varyingDefs.set(id);
                            changed = true;
                        }
                        local[d.id()] = id;
                    }
                }
                if (b.terminator instanceof Terminator.Branch br && br.ifTrue() != br.ifFalse()
                        && (divergent || varying(br.cond(), local, in[b.id], defsOfReg, varyingDefs))) {
                    for (int c = controllers[b.id].nextSetBit(0); c >= 0; c = controllers[b.id].nextSetBit(c + 1))
                        if (!divergentBlocks.get(c)) {
                            divergentBlocks.set(c);
                            changed = true;
                        }
                }
            }
        }
    }

    private static boolean varying(Value v, int[] local, BitSet in, List<BitSet> defsOfReg, BitSet varyingDefs) {
        if (!(v instanceof Value.Reg r)) return false;
        if (local[r.id()] >= 0) return varyingDefs.get(local[r.id()]);
        BitSet all = defsOfReg.get(r.id());
        for (int d = all.nextSetBit(0); d >= 0; d = all.nextSetBit(d + 1))
            if (in.get(d) && varyingDefs.get(d)) return true;
        return false;
    }

    /** Instructions whose result may differ between the work-items of a group whatever their operands. */
    private static boolean isVaryingSource(Instr i) {
        return switch (i) {
            case Instr.Thread t -> t.query() == Op.ThreadQuery.LOCAL_ID || t.query() == Op.ThreadQuery.GLOBAL_ID;
            case Instr.Load l -> true;       // another work-item may have written the element, or the index differs
            case Instr.AtomicAdd a -> true;
            default -> false;
        };
    }

    /** in[b] of the classic reaching-definitions problem; entry definitions reach the entry block. */
    private BitSet[] reachingDefinitions(BitSet[] gen, BitSet[] kill, int regs) {
        int n = k.blocks.size();
        List<List<Block>> preds = Instrs.predecessors(k);
        BitSet[] in = new BitSet[n], out = new BitSet[n];
        for (int i = 0; i < n; i++) { in[i] = new BitSet(); out[i] = new BitSet(); }
        in[0].set(0, regs);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : k.blocks) {
                BitSet i = new BitSet();
                if (b.id == 0) i.set(0, regs);
                for (Block p : preds.get(b.id)) i.or(out[p.id]);
                BitSet o = (BitSet) i.clone();
                o.andNot(kill[b.id]);
                o.or(gen[b.id]);
                in[b.id] = i;
                if (!o.equals(out[b.id])) { out[b.id] = o; changed = true; }
            }
        }
        return in;
    }

    /**
     * For each block with a two-way branch, the blocks control dependent on it: those that
     * post-dominate one of its successors but do not strictly post-dominate the branch itself.
     */
    private BitSet[] controlDependences() {
        int n = k.blocks.size();
        BitSet[] pdom = postDominators();
        BitSet[] cd = new BitSet[n];
        for (Block b : k.blocks) {
            cd[b.id] = new BitSet();
            if (!(b.terminator instanceof Terminator.Branch)) continue;
            BitSet strict = (BitSet) pdom[b.id].clone();
            strict.clear(b.id);
            for (Block s : Instrs.successors(b)) {
                BitSet c = (BitSet) pdom[s.id].clone();
                c.andNot(strict);
                cd[b.id].or(c);
            }
        }
        return cd;
    }

    /**
     * pdom[b] = blocks on every path from b to a return. A block from which no return is reachable
     * (an endless loop) gets only itself, so everything it decides about counts as dependent on it.
     */
    private BitSet[] postDominators() {
        int n = k.blocks.size();
        BitSet exits = reachesReturn();
        BitSet[] pdom = new BitSet[n];
        for (Block b : k.blocks) {
            pdom[b.id] = new BitSet();
            if (b.terminator instanceof Terminator.Return || !exits.get(b.id)) pdom[b.id].set(b.id);
            else pdom[b.id].or(exits);
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                Block b = k.blocks.get(i);
                if (b.terminator instanceof Terminator.Return || !exits.get(b.id)) continue;
                BitSet p = (BitSet) exits.clone();
                for (Block s : Instrs.successors(b)) if (exits.get(s.id)) p.and(pdom[s.id]);
                p.set(b.id);
                if (!p.equals(pdom[b.id])) { pdom[b.id] = p; changed = true; }
            }
        }
        return pdom;
    }

    /** The blocks from which some return can be reached. */
    private BitSet reachesReturn() {
        List<List<Block>> preds = Instrs.predecessors(k);
        BitSet seen = new BitSet();
        java.util.ArrayDeque<Block> work = new java.util.ArrayDeque<>();
        for (Block b : k.blocks) if (b.terminator instanceof Terminator.Return) { seen.set(b.id); work.add(b); }
        while (!work.isEmpty())
            for (Block p : preds.get(work.poll().id)) if (!seen.get(p.id)) { seen.set(p.id); work.add(p); }
        return seen;
    }
}
