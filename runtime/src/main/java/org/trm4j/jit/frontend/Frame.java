package org.trm4j.jit.frontend;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Abstract state at a point of a method: the operand stack and the references held in local slots.
 * Primitive locals need no state: each (slot, type) pair has its own register.
 */
final class Frame {
    final List<StackEntry> stack;
    final Map<Integer, Sym> refLocals;

    Frame() { this(new ArrayList<>(), new HashMap<>()); }

    private Frame(List<StackEntry> stack, Map<Integer, Sym> refLocals) {
        this.stack = stack;
        this.refLocals = refLocals;
    }

    Frame copy() { return new Frame(new ArrayList<>(stack), new HashMap<>(refLocals)); }

    /** A copy without the reference slots that are dead at the target, so stale slots never conflict. */
    Frame forEntry(BitSet liveSlots) {
        Frame f = copy();
        f.refLocals.keySet().removeIf(slot -> !liveSlots.get(slot));
        return f;
    }

    /**
     * Joins the state of another incoming edge. Stack shapes must agree (javac guarantees it);
     * references that differ become {@link Sym.Conflict}, an error only where they are used.
     */
    Frame merge(Frame other, Where where) {
        if (stack.size() != other.stack.size())
            throw where.error("internal error: operand stack depth differs at a merge (" + stack + " vs " + other.stack + ")");
        Frame m = copy();
        for (int d = 0; d < stack.size(); d++) {
            StackEntry a = stack.get(d), b = other.stack.get(d);
            if (a.equals(b)) continue;
            if (a instanceof StackEntry.Ref && b instanceof StackEntry.Ref)
                m.stack.set(d, new StackEntry.Ref(new Sym.Conflict(
                        "a value on the operand stack refers to different arrays depending on the path taken (e.g. `(c ? a : b).get(i)`)")));
            else
                throw where.error("internal error: operand stack entries differ at a merge: " + a + " vs " + b);
        }
        for (Map.Entry<Integer, Sym> e : refLocals.entrySet()) {
            Sym o = other.refLocals.get(e.getKey());
            if (!e.getValue().equals(o))
                m.refLocals.put(e.getKey(), new Sym.Conflict("local variable slot " + e.getKey()
                        + " may refer to different arrays depending on the path taken; use one array per variable"));
        }
        for (Integer slot : other.refLocals.keySet())
            if (!refLocals.containsKey(slot))
                m.refLocals.put(slot, new Sym.Conflict("local variable slot " + slot + " is not assigned on every path"));
        return m;
    }

    /** Why a back edge's state does not fit the loop header's translated state; slot is -1 for the stack. */
    record Mismatch(int slot, String why) {}

    /** Null when {@code other} (arriving by a back edge) matches this already translated entry state. */
    Mismatch mismatch(Frame other) {
        if (!stack.equals(other.stack))
            return new Mismatch(-1, "operand stack differs on a loop back edge: " + stack + " vs " + other.stack);
        for (Map.Entry<Integer, Sym> e : refLocals.entrySet()) {
            Sym o = other.refLocals.get(e.getKey());
            if (o != null && !o.equals(e.getValue()))
                return new Mismatch(e.getKey(), "local variable slot " + e.getKey() + " refers to a different array on the next loop iteration"
                        + " (e.g. swapping buffers); kernels need one fixed array per variable");
        }
        return null;
    }
}
