package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Instrs;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * If-conversion of an innermost loop whose body branches (a ternary, an if, {@code ||}): the body's blocks become
 * one block, so that {@link VectorLoop} can run it on vectors. Each block gets a predicate (a BOOL register: true on
 * entry, else the OR over its incoming edges of the source's predicate AND the edge's condition); the blocks run in
 * a topological order, and an assignment in a block that only some paths run becomes {@code t = op; d = pred ? t :
 * d} so that every register ends with the value of the path taken. Both arms of every branch then run, so a block
 * that some path skips may hold only pure instructions that cannot throw (no load, store or integer division);
 * blocks that every path runs keep everything. The result is renamed to single assignment with fresh registers
 * (the loop index and its final increment stay), which is what VectorLoop's analysis takes.
 *
 * <p>Refused (the loop stays as it was): an edge out of the loop other than back to the header (a break, a
 * return), more than one block jumping back, a register read where some path has not assigned it in this iteration
 * (a value carried from the previous one), a register assigned in the loop and read after it.
 */
final class IfConversion {
    private IfConversion() {}

    /** Puts the blocks of a converted loop back as they were. */
    interface Undo { void run(); }

    private static final Value TRUE = Value.Const.bool(true), FALSE = Value.Const.bool(false);

    /**
     * Converts the loop headed by {@code header} in {@code k} (which it rewrites: pass a copy); returns how to undo
     * it, or null when {@code header} heads no loop of VectorLoop's shape whose body is several acyclic blocks
     * (nothing changed). Throws, changing nothing, when the body cannot be converted.
     */
    static Undo convert(Kernel k, Block header, Liveness live) throws VectorLoop.NotVectorised {
        VectorLoop.Shape shape = VectorLoop.shape(header);
        if (shape == null) return null;
        Block body = shape.body();
        if (body.terminator instanceof Terminator.Jump j && j.target() == header) return null;
        List<List<Block>> preds = Instrs.predecessors(k);
        if (!preds.get(body.id).equals(List.of(header))) return null;

        Set<Block> region = new LinkedHashSet<>();
        List<Block> work = new ArrayList<>(List.of(body));
        region.add(body);
        while (!work.isEmpty()) {
            Block b = work.removeLast();
            for (Block s : Instrs.successors(b)) if (s != header && region.add(s)) work.add(s);
        }
        List<Block> order = topological(body, header);
        if (order == null) return null; // a loop inside: not an innermost loop
        if (region.stream().noneMatch(b -> Instrs.successors(b).contains(header))) return null; // an if, not a loop
        for (Block b : region)
            if (!(b.terminator instanceof Terminator.Jump) && !(b.terminator instanceof Terminator.Branch))
                throw new VectorLoop.NotVectorised("the body leaves the loop other than through its header (a break or a return)");
        Block latch = null;
        for (Block b : region)
            if (Instrs.successors(b).contains(header)) {
                if (latch != null || !(b.terminator instanceof Terminator.Jump))
                    throw new VectorLoop.NotVectorised("the body branches and leaves the loop (a break or continue) or has several latches");
                latch = b;
            }
        if (latch == null || latch.instrs.isEmpty() || !(latch.instrs.getLast() instanceof Instr.Binary inc)
                || !inc.dst().equals(shape.index()) || inc.op() != Op.Binary.ADD || !inc.a().equals(shape.index())
                || !inc.b().equals(Value.Const.i32(1))) return null;
        for (Block b : region)
            if (b != body) for (Block p : preds.get(b.id))
                if (!region.contains(p)) throw new VectorLoop.NotVectorised("the body branches and is entered from outside the loop at " + b.label());
        // Every block reaches the latch: the region is acyclic and only the latch leaves it.
        Value.Reg i = shape.index();
        Set<Value.Reg> assigned = new HashSet<>();
        for (Block b : region)
            for (Instr x : b.instrs) {
                Value.Reg d = Instrs.def(x);
                if (d == null) continue;
                if (d.equals(i) && x != inc) throw new VectorLoop.NotVectorised("the loop index is assigned in the body");
                assigned.add(d);
                if (!d.equals(i) && live.liveIn(shape.exit(), d)) throw new VectorLoop.NotVectorised(d + ", assigned in the loop, is read after it");
            }
        if (shape.compare().b() instanceof Value.Reg n && assigned.contains(n)) throw new VectorLoop.NotVectorised("the bound changes in the loop");

        Set<Block> always = new HashSet<>();
        for (Block b : order) if (b == body || b == latch || !reaches(body, latch, b, header)) always.add(b);
        checkReads(order, preds, assigned, i, inc);
        for (Block b : order)
            if (!always.contains(b))
                for (Instr x : b.instrs) {
                    String why = impure(x);
                    if (why != null) throw new VectorLoop.NotVectorised("the body branches and " + b.label() + ", which only some paths run, has " + why);
                }

        Map<Block, List<Instr>> oldInstrs = new HashMap<>();
        Map<Block, Terminator> oldTerms = new HashMap<>();
        for (Block b : region) { oldInstrs.put(b, List.copyOf(b.instrs)); oldTerms.put(b, b.terminator); }
        List<Instr> linear = withoutDeadCode(booleanInts(k, linearise(k, order, preds, always, inc)), inc);
        for (Block b : region) { b.instrs.clear(); b.terminator = new Terminator.Return(); }
        body.instrs.addAll(linear);
        body.terminator = new Terminator.Jump(header);
        return () -> {
            for (Block b : region) { b.instrs.clear(); b.instrs.addAll(oldInstrs.get(b)); b.terminator = oldTerms.get(b); }
        };
    }

    /** The region's blocks in a topological order from {@code entry}, or null when they hold a cycle. */
    private static List<Block> topological(Block entry, Block header) {
        List<Block> post = new ArrayList<>();
        Set<Block> done = new HashSet<>(), open = new HashSet<>();
        if (!visit(entry, header, done, open, post)) return null;
        return post.reversed();
    }

    private static boolean visit(Block b, Block header, Set<Block> done, Set<Block> open, List<Block> post) {
        open.add(b);
        for (Block s : Instrs.successors(b)) {
            if (s == header || done.contains(s)) continue;
            if (open.contains(s) || !visit(s, header, done, open, post)) return false;
        }
        open.remove(b);
        done.add(b);
        post.add(b);
        return true;
    }

    /** Whether {@code to} is reachable from {@code from} without passing {@code avoid} or the header. */
    private static boolean reaches(Block from, Block to, Block avoid, Block header) {
        Set<Block> seen = new HashSet<>(List.of(from));
        List<Block> work = new ArrayList<>(List.of(from));
        while (!work.isEmpty()) {
            Block b = work.removeLast();
            if (b == to) return true;
            for (Block s : Instrs.successors(b)) if (s != header && s != avoid && seen.add(s)) work.add(s);
        }
        return false;
    }

    /**
     * Every read of a register the body assigns comes after an assignment on every path from the body's entry;
     * otherwise it reads the previous iteration's value (the loop index aside).
     */
    private static void checkReads(List<Block> order, List<List<Block>> preds, Set<Value.Reg> assigned, Value.Reg i,
                                   Instr inc) throws VectorLoop.NotVectorised {
        Map<Block, Set<Value.Reg>> out = new HashMap<>();
        for (Block b : order) {
            Set<Value.Reg> defined = null;
            for (Block p : preds.get(b.id)) {
                Set<Value.Reg> o = out.get(p);
                if (o == null) continue; // the header
                if (defined == null) defined = new HashSet<>(o);
                else defined.retainAll(o);
            }
            if (defined == null) defined = new HashSet<>();
            for (Instr x : b.instrs) {
                for (Value v : Instrs.uses(x)) check(v, defined, assigned, i);
                Value.Reg d = Instrs.def(x);
                if (d != null && x != inc) defined.add(d);
            }
            if (b.terminator instanceof Terminator.Branch br) check(br.cond(), defined, assigned, i);
            out.put(b, defined);
        }
    }

    private static void check(Value v, Set<Value.Reg> defined, Set<Value.Reg> assigned, Value.Reg i) throws VectorLoop.NotVectorised {
        if (v instanceof Value.Reg r && !r.equals(i) && assigned.contains(r) && !defined.contains(r))
            throw new VectorLoop.NotVectorised(r + " is carried from one iteration to the next (read where some path has not assigned it)");
    }

    /** Why {@code x} cannot run on a path that would skip it, or null when it is pure and cannot throw. */
    private static String impure(Instr x) {
        return switch (x) {
            case Instr.Move m -> null;
            case Instr.Binary b -> (b.op() == Op.Binary.DIV || b.op() == Op.Binary.REM) && !b.dst().type().isFloating()
                    ? "an integer " + b.op() + " (may throw)" : null;
            case Instr.Unary u -> null;
            case Instr.Convert c -> null;
            case Instr.Bitcast c -> null;
            case Instr.Compare c -> null;
            case Instr.Select s -> null;
            case Instr.Call c -> null;
            case Instr.Load l -> "a load from " + l.array().name();
            case Instr.Store s -> "a store to " + s.array().name();
            case Instr.ArrayLength a -> null;
            case Instr.Thread t -> "a work-item query";
            case Instr.Barrier b -> "a barrier";
            case Instr.AtomicAdd a -> "an atomicAdd";
        };
    }

    /** The region's instructions as one predicated, single-assignment list ending with the index increment. */
    private static List<Instr> linearise(Kernel k, List<Block> order, List<List<Block>> preds, Set<Block> always, Instr inc) {
        List<Instr> out = new ArrayList<>();
        Map<Value.Reg, Value> current = new HashMap<>();
        Map<Block, Value> predicate = new HashMap<>(), condition = new HashMap<>();
        UnaryOperator<Value> renamed = v -> v instanceof Value.Reg r ? current.getOrDefault(r, r) : v;
        for (Block b : order) {
            Value p = TRUE;
            if (!always.contains(b)) {
                p = null;
                for (Block q : preds.get(b.id)) {
                    Value edge = predicate.get(q);
                    if (q.terminator instanceof Terminator.Branch br && br.ifTrue() != br.ifFalse()) {
                        Value c = condition.get(q);
                        edge = and(k, out, edge, b == br.ifTrue() ? c : not(k, out, c));
                    }
                    p = p == null ? edge : or(k, out, p, edge);
                }
            }
            predicate.put(b, p);
            for (Instr x : b.instrs) {
                if (x == inc) continue;
                Value.Reg d = Instrs.def(x);
                if (d == null) { out.add(rewrite(x, renamed, null)); continue; }
                Value.Reg t = k.newReg(d.type(), d.name());
                out.add(rewrite(x, renamed, t));
                Value old = current.get(d);
                if (p.equals(TRUE) || old == null) { current.put(d, t); continue; }
                // Only some paths run this block: the others keep what they had.
                Value merged;
                if (d.type() == Type.BOOL) merged = or(k, out, and(k, out, p, t), and(k, out, not(k, out, p), old));
                else {
                    merged = k.newReg(d.type(), d.name());
                    out.add(new Instr.Select((Value.Reg) merged, p, t, old));
                }
                current.put(d, merged);
            }
            if (b.terminator instanceof Terminator.Branch br) condition.put(b, renamed.apply(br.cond()));
        }
        out.add(inc);
        return out;
    }

    /**
     * javac computes a boolean variable as an int, 1 on one path and 0 on the other, and tests it against 0: after
     * predication an int select per lane, which has no vector form. Each int that is 0 or 1 by construction (a
     * constant, a move or a select of such) gets a BOOL twin, and its tests against 0 or 1 read the twin; the int
     * itself then goes with the dead code.
     */
    private static List<Instr> booleanInts(Kernel k, List<Instr> linear) {
        List<Instr> out = new ArrayList<>();
        Map<Value, Value> twin = new HashMap<>();
        twin.put(Value.Const.i32(0), FALSE);
        twin.put(Value.Const.i32(1), TRUE);
        for (Instr x : linear) {
            switch (x) {
                case Instr.Move m when twin.containsKey(m.src()) -> { out.add(x); twin.put(m.dst(), twin.get(m.src())); }
                case Instr.Select sel when twin.containsKey(sel.a()) && twin.containsKey(sel.b()) -> {
                    out.add(x);
                    twin.put(sel.dst(), or(k, out, and(k, out, sel.cond(), twin.get(sel.a())),
                            and(k, out, not(k, out, sel.cond()), twin.get(sel.b()))));
                }
                case Instr.Compare c when (c.cond() == Op.Cond.EQ || c.cond() == Op.Cond.NE) && c.a().type() == Type.INT
                        && twin.containsKey(c.a()) && twin.containsKey(c.b()) && (c.a() instanceof Value.Const) != (c.b() instanceof Value.Const) -> {
                    // x == 0 is !x, x == 1 is x; NE the other way round (x and its twin are 0/1, false/true).
                    Value.Const constant = (Value.Const) (c.a() instanceof Value.Const a ? a : c.b());
                    Value bool = twin.get(c.a() instanceof Value.Const ? c.b() : c.a());
                    boolean same = (constant.value().equals(1)) == (c.cond() == Op.Cond.EQ);
                    out.add(new Instr.Move(c.dst(), same ? bool : not(k, out, bool)));
                }
                default -> out.add(x);
            }
        }
        return out;
    }

    /** {@code linear} without the instructions whose results nothing reads (no load: it may throw, as in Java). */
    private static List<Instr> withoutDeadCode(List<Instr> linear, Instr inc) {
        Set<Value.Reg> read = new HashSet<>();
        List<Instr> kept = new ArrayList<>();
        for (Instr x : linear.reversed()) {
            Value.Reg d = Instrs.def(x);
            boolean removable = d != null && x != inc && !read.contains(d) && impure(x) == null;
            if (removable) continue;
            kept.add(x);
            for (Value v : Instrs.uses(x)) if (v instanceof Value.Reg r) read.add(r);
        }
        return kept.reversed();
    }

    private static Value and(Kernel k, List<Instr> out, Value a, Value b) {
        if (a.equals(TRUE)) return b;
        if (b.equals(TRUE)) return a;
        if (a.equals(FALSE) || b.equals(FALSE)) return FALSE;
        Value.Reg d = k.newReg(Type.BOOL, "p");
        out.add(new Instr.Binary(d, Op.Binary.AND, a, b));
        return d;
    }

    private static Value or(Kernel k, List<Instr> out, Value a, Value b) {
        if (a.equals(FALSE)) return b;
        if (b.equals(FALSE)) return a;
        if (a.equals(TRUE) || b.equals(TRUE)) return TRUE;
        Value.Reg d = k.newReg(Type.BOOL, "p");
        out.add(new Instr.Binary(d, Op.Binary.OR, a, b));
        return d;
    }

    private static Value not(Kernel k, List<Instr> out, Value a) {
        if (a instanceof Value.Const c) return Value.Const.bool(!(Boolean) c.value());
        Value.Reg d = k.newReg(Type.BOOL, "p");
        out.add(new Instr.Unary(d, Op.Unary.NOT, a));
        return d;
    }

    /** {@code x} with its operands mapped by {@code f} and its destination {@code dst} (ignored where it has none). */
    private static Instr rewrite(Instr x, UnaryOperator<Value> f, Value.Reg dst) {
        return switch (x) {
            case Instr.Move m -> new Instr.Move(dst, f.apply(m.src()));
            case Instr.Binary b -> new Instr.Binary(dst, b.op(), f.apply(b.a()), f.apply(b.b()));
            case Instr.Unary u -> new Instr.Unary(dst, u.op(), f.apply(u.a()));
            case Instr.Convert c -> new Instr.Convert(dst, f.apply(c.src()));
            case Instr.Bitcast c -> new Instr.Bitcast(dst, f.apply(c.src()));
            case Instr.Compare c -> new Instr.Compare(dst, c.cond(), f.apply(c.a()), f.apply(c.b()), c.unordered());
            case Instr.Select s -> new Instr.Select(dst, f.apply(s.cond()), f.apply(s.a()), f.apply(s.b()));
            case Instr.Call c -> new Instr.Call(dst, c.fn(), c.args().stream().map(f).toList());
            case Instr.Load l -> new Instr.Load(dst, l.array(), f.apply(l.index()));
            case Instr.Store s -> new Instr.Store(s.array(), f.apply(s.index()), f.apply(s.value()));
            case Instr.ArrayLength a -> new Instr.ArrayLength(dst, a.array());
            case Instr.Thread t -> new Instr.Thread(dst, t.query(), t.dim());
            case Instr.Barrier b -> b;
            case Instr.AtomicAdd a -> new Instr.AtomicAdd(dst, a.array(), f.apply(a.index()), f.apply(a.value()));
        };
    }
}
