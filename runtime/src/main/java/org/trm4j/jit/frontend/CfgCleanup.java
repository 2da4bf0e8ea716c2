package org.trm4j.jit.frontend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Terminator;

/**
 * Tidies the CFG the translator builds (one block per bytecode block, plus glue blocks around
 * inlined calls): skips empty jump-only blocks, merges a block into its only predecessor when that
 * predecessor just jumps to it, drops unreachable blocks, and renumbers blocks in reverse postorder
 * so that block ids are 0..n-1, the entry is first and fall-through successors tend to follow.
 */
final class CfgCleanup {
    private CfgCleanup() {}

    static void run(Kernel k) {
        Block entry = k.entry();
        threadEmptyJumps(k, entry);
        mergeStraightLines(k, entry);
        renumber(k, entry);
    }

    private static void threadEmptyJumps(Kernel k, Block entry) {
        Map<Block, Block> forward = new IdentityHashMap<>();
        for (Block b : k.blocks)
            if (b != entry && b.instrs.isEmpty() && b.terminator instanceof Terminator.Jump j && j.target() != b)
                forward.put(b, j.target());
        if (forward.isEmpty()) return;
        for (Block b : k.blocks) b.terminator = retarget(b.terminator, t -> resolve(forward, t));
    }

    private static Block resolve(Map<Block, Block> forward, Block b) {
        Set<Block> seen = new HashSet<>();
        Block cur = b;
        while (forward.containsKey(cur) && seen.add(cur)) cur = forward.get(cur);
        return forward.containsKey(cur) ? b : cur;   // a cycle of empty blocks (while(true){}) stays as it is
    }

    private static void mergeStraightLines(Kernel k, Block entry) {
        List<Block> order = reversePostorder(entry);
        Map<Block, Integer> preds = new IdentityHashMap<>();
        for (Block b : order) for (Block s : successors(b)) preds.merge(s, 1, Integer::sum);
        Set<Block> merged = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Block a : order) {
            if (merged.contains(a)) continue;
            while (a.terminator instanceof Terminator.Jump(Block b) && b != entry && b != a && preds.get(b) == 1) {
                a.instrs.addAll(b.instrs);
                a.terminator = b.terminator;
                merged.add(b);
            }
        }
    }

    private static void renumber(Kernel k, Block entry) {
        List<Block> order = reversePostorder(entry);
        Map<Block, Block> renamed = new IdentityHashMap<>();
        List<Block> fresh = new ArrayList<>();
        for (Block old : order) {
            Block nb = new Block(fresh.size());
            nb.instrs.addAll(old.instrs);
            nb.origin = old.origin;
            renamed.put(old, nb);
            fresh.add(nb);
        }
        for (Block old : order) renamed.get(old).terminator = retarget(old.terminator, renamed::get);
        k.blocks.clear();
        k.blocks.addAll(fresh);
    }

    static List<Block> successors(Block b) {
        return switch (b.terminator) {
            case Terminator.Jump j -> List.of(j.target());
            case Terminator.Branch br -> List.of(br.ifTrue(), br.ifFalse());
            case Terminator.Return r -> List.of();
            case null -> List.of();
        };
    }

    /** Successors are pushed so that a branch's false (fall-through) side comes right after it. */
    static List<Block> reversePostorder(Block entry) {
        Set<Block> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Block> post = new ArrayList<>();
        Deque<Object[]> stack = new ArrayDeque<>();
        seen.add(entry);
        stack.push(new Object[]{entry, 0});
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Block b = (Block) top[0];
            List<Block> succ = successors(b);
            int i = (Integer) top[1];
            if (i < succ.size()) {
                top[1] = i + 1;
                Block s = succ.get(i);
                if (seen.add(s)) stack.push(new Object[]{s, 0});
            } else {
                post.add(b);
                stack.pop();
            }
        }
        List<Block> rpo = new ArrayList<>(post.size());
        for (int i = post.size() - 1; i >= 0; i--) rpo.add(post.get(i));
        return rpo;
    }

    private static Terminator retarget(Terminator t, java.util.function.Function<Block, Block> map) {
        return switch (t) {
            case Terminator.Jump j -> new Terminator.Jump(map.apply(j.target()));
            case Terminator.Branch br -> {
                Block a = map.apply(br.ifTrue()), b = map.apply(br.ifFalse());
                yield a == b ? new Terminator.Jump(a) : new Terminator.Branch(br.cond(), a, b);
            }
            case Terminator.Return r -> r;
            case null -> null;
        };
    }

}
