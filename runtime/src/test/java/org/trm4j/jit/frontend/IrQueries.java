package org.trm4j.jit.frontend;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.IdentityHashMap;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Terminator;

/** Small questions tests ask about a kernel's IR and CFG. */
final class IrQueries {
    private IrQueries() {}

    static Method kernel(Class<?> cls, String name) {
        for (Method m : cls.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError("no method " + name);
    }

    static <T extends Instr> List<T> instrs(Kernel k, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Block b : k.blocks) for (Instr i : b.instrs) if (type.isInstance(i)) out.add(type.cast(i));
        return out;
    }

    static List<Block> successors(Block b) { return CfgCleanup.successors(b); }

    static List<Block> predecessors(Kernel k, Block target) {
        List<Block> p = new ArrayList<>();
        for (Block b : k.blocks) if (successors(b).contains(target)) p.add(b);
        return p;
    }

    /** Iterative dominator sets (fine for test-sized CFGs). */
    static Map<Block, Set<Block>> dominators(Kernel k) {
        Map<Block, Set<Block>> dom = new IdentityHashMap<>();
        for (Block b : k.blocks) dom.put(b, new HashSet<>(k.blocks));
        dom.put(k.entry(), new HashSet<>(Set.of(k.entry())));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Block b : k.blocks) {
                if (b == k.entry()) continue;
                Set<Block> d = null;
                for (Block p : predecessors(k, b)) {
                    if (d == null) d = new HashSet<>(dom.get(p));
                    else d.retainAll(dom.get(p));
                }
                if (d == null) d = new HashSet<>();
                d.add(b);
                if (!d.equals(dom.get(b))) { dom.put(b, d); changed = true; }
            }
        }
        return dom;
    }

    /** Edges whose target dominates their source: the loops' back edges. */
    static int backEdges(Kernel k) {
        Map<Block, Set<Block>> dom = dominators(k);
        int n = 0;
        for (Block b : k.blocks) for (Block s : successors(b)) if (dom.get(b).contains(s)) n++;
        return n;
    }

    /**
     * A CFG is reducible when every retreating edge of a depth-first search is a back edge
     * (its target dominates its source).
     */
    static boolean reducible(Kernel k) {
        Map<Block, Set<Block>> dom = dominators(k);
        Set<Block> onStack = new HashSet<>(), done = new HashSet<>();
        return dfs(k.entry(), dom, onStack, done);
    }

    private static boolean dfs(Block b, Map<Block, Set<Block>> dom, Set<Block> onStack, Set<Block> done) {
        onStack.add(b);
        for (Block s : successors(b)) {
            if (onStack.contains(s)) { if (!dom.get(b).contains(s)) return false; }
            else if (!done.contains(s) && !dfs(s, dom, onStack, done)) return false;
        }
        onStack.remove(b);
        done.add(b);
        return true;
    }

    static boolean allTerminated(Kernel k) {
        for (Block b : k.blocks) if (b.terminator == null) return false;
        return true;
    }

    static boolean isReturn(Block b) { return b.terminator instanceof Terminator.Return; }
}
