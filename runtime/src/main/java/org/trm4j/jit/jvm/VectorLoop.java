package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Instrs;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
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

/**
 * An innermost loop that runs on float vectors, one lane per iteration, as LLVM's loop vectoriser does for PoCL:
 * <pre>
 *   header:  c = i >= n; if c goto exit else body        (or i < n, targets swapped; n loop-invariant)
 *   body:    ... one block ...; i = i + 1; goto header
 * </pre>
 * Every value of the body is classified: uniform (the same for every lane: loop-invariant), affine ({@code u + i}:
 * an array index, kept as the scalar index of lane 0) or vector (a float per lane). Float
 * arrays indexed by an affine value are loaded and stored a vector at a time; everything else must be uniform.
 * Refused (the loop stays scalar): other loop-carried values (a running sum: vectorising it would reorder the
 * additions), a value per lane that is not a float or a mask (a BOOL per lane: float comparisons, ISNAN, their
 * AND/OR/XOR/NOT, the conditions of float selects), an index other than {@code u + i}, a stored array also read at
 * a uniform index, more than one block (a body that branches is first made one by {@link IfConversion}), a value
 * assigned in the loop and read after it.
 *
 * <p>What only the arguments tell is checked when the loop is entered: two stored and loaded indexes of one
 * array at a distance shorter than a vector (a dependence between lanes), and accesses beyond an array's ends
 * (then the scalar loop runs and throws at the element Java would). Distinct array parameters sharing memory are
 * the launch's business ({@code vectorOk}).
 *
 * @param scalar   the body's uniform and affine instructions, in order (run as scalar code once per vector step)
 * @param vector   the body's vector instructions and vector stores, in order
 * @param accesses the vector loads and stores, one per array and index expression (checked on entry for bounds)
 * @param pairs    pairs of {@code accesses} positions of one array, at least one a store, whose distance must be
 *                 0 or at least a vector's length
 */
record VectorLoop(Block header, Block body, Block exit, Value.Reg index, Value bound,
                  List<Instr> scalar, List<Instr> vector, Set<Value.Reg> vectors,
                  List<Access> accesses, List<int[]> pairs, List<Value.Reg> liveIn, List<Param.Array> arrays) {

    /**
     * The vector loads and stores of one array at one index expression (several IR registers may compute the same
     * {@code base + i}: they share {@code key}): checked once on entry; {@code store} when any of them stores.
     */
    record Access(Param.Array array, Value.Reg index, boolean store, String key) {}

    private enum Kind { UNIFORM, AFFINE, VECTOR }

    /** Float functions that run lane-wise with Java's exact result (IEEE operations, min/max as Math). */
    private static final Set<Op.Intrinsic> EXACT = Set.of(Op.Intrinsic.FMA, Op.Intrinsic.MIN, Op.Intrinsic.MAX,
            Op.Intrinsic.ABS, Op.Intrinsic.SQRT, Op.Intrinsic.ISNAN);
    /** Functions whose vector versions (the Vector API's, within an ulp or two) are allowed under relaxed maths only. */
    private static final Set<Op.Intrinsic> RELAXED = Set.of(Op.Intrinsic.EXP, Op.Intrinsic.LOG, Op.Intrinsic.TANH,
            Op.Intrinsic.SIN, Op.Intrinsic.COS, Op.Intrinsic.POW, Op.Intrinsic.ATAN2, Op.Intrinsic.SIGMOID, Op.Intrinsic.RSQRT);

    /** Refusal of one loop, with the reason (shown by the renderer's summary). */
    static final class NotVectorised extends Exception {
        NotVectorised(String why) { super(why, null, false, false); }
    }

    /** The header's test {@code i < n} (or {@code i >= n}) and where it goes: the body and the exit. */
    record Shape(Instr.Compare compare, Value.Reg index, Block body, Block exit) {}

    /** The shape of the loop {@code header} tests, or null when it does not test {@code i < n} as above. */
    static Shape shape(Block header) {
        if (header.instrs.size() != 1 || !(header.instrs.getFirst() instanceof Instr.Compare cmp)
                || !(header.terminator instanceof Terminator.Branch br) || !br.cond().equals(cmp.dst())) return null;
        if (!(cmp.a() instanceof Value.Reg i) || i.type() != Type.INT) return null;
        if (cmp.cond() == Op.Cond.GE) return new Shape(cmp, i, br.ifFalse(), br.ifTrue());
        if (cmp.cond() == Op.Cond.LT) return new Shape(cmp, i, br.ifTrue(), br.ifFalse());
        return null;
    }

    /** The loop headed by {@code header}, or null when {@code header} does not head a loop of the shape above. */
    static VectorLoop find(Kernel k, Block header, Liveness live, boolean relaxed) throws NotVectorised {
        Shape shape = shape(header);
        if (shape == null) return null;
        Instr.Compare cmp = shape.compare();
        Value.Reg i = shape.index();
        Block body = shape.body(), exit = shape.exit();
        if (body == header) return null;
        if (!(body.terminator instanceof Terminator.Jump j) || j.target() != header) {
            // A body of several blocks that IfConversion left as it was (the renderer says why when it refused).
            // Said only of innermost loops: a later block jumps back to the header, and none in between jumps back.
            int latch = Instrs.predecessors(k).get(header.id).stream().mapToInt(p -> p.id).max().orElse(-1);
            if (latch <= header.id) return null;
            for (int b = header.id + 1; b < latch; b++)
                for (Block to : Instrs.successors(k.blocks.get(b))) if (to.id <= b) return null;
            throw new NotVectorised("the body branches (an if, a ternary or a helper with one): several blocks");
        }
        if (body.instrs.isEmpty()) return null;
        if (!Instrs.predecessors(k).get(body.id).equals(List.of(header)) || live.liveIn(exit, cmp.dst())) return null;
        if (!(body.instrs.getLast() instanceof Instr.Binary inc) || !inc.dst().equals(i) || inc.op() != Op.Binary.ADD
                || !inc.a().equals(i) || !inc.b().equals(Value.Const.i32(1))) return null;
        List<Instr> instrs = body.instrs.subList(0, body.instrs.size() - 1);

        Set<Value.Reg> defined = new HashSet<>();
        for (Instr x : instrs) {
            Value.Reg d = Instrs.def(x);
            if (d == null) continue;
            if (d.equals(i)) throw new NotVectorised("the loop index is assigned in the body");
            if (!defined.add(d)) throw new NotVectorised(d + " is assigned twice in the body");
        }
        if (cmp.b() instanceof Value.Reg n && defined.contains(n)) throw new NotVectorised("the bound changes in the loop");

        Map<Value.Reg, Kind> kinds = new HashMap<>();
        kinds.put(i, Kind.AFFINE);
        Set<Value.Reg> seen = new HashSet<>();
        Set<Value.Reg> liveIn = new LinkedHashSet<>();
        liveIn.add(i);
        if (cmp.b() instanceof Value.Reg n) liveIn.add(n);
        List<Instr> scalar = new ArrayList<>(), vector = new ArrayList<>();
        List<Access> accesses = new ArrayList<>();
        Map<Value.Reg, String> keys = new HashMap<>();
        Set<Param.Array> arrays = new LinkedHashSet<>(), stored = new HashSet<>(), uniformLoads = new HashSet<>();
        Set<Value.Reg> vectors = new HashSet<>();
        for (Instr x : instrs) {
            for (Value v : Instrs.uses(x)) {
                if (!(v instanceof Value.Reg r)) continue;
                if (defined.contains(r) && !seen.contains(r)) throw new NotVectorised(r + " is carried from one iteration to the next");
                if (!defined.contains(r)) liveIn.add(r);
            }
            Kind kind = classify(x, kinds, relaxed);
            switch (x) {
                case Instr.Load l -> {
                    Param.Array a = (Param.Array) l.array();
                    arrays.add(a);
                    if (kind == Kind.VECTOR) access(accesses, a, (Value.Reg) l.index(), false, keys);
                    else uniformLoads.add(a);
                }
                case Instr.Store s -> {
                    Param.Array a = (Param.Array) s.array();
                    arrays.add(a);
                    stored.add(a);
                    access(accesses, a, (Value.Reg) s.index(), true, keys);
                }
                case Instr.ArrayLength al -> arrays.add(al.array());
                default -> {}
            }
            Value.Reg d = Instrs.def(x);
            if (d != null) {
                keys.put(d, key(x, keys));
                kinds.put(d, kind);
                seen.add(d);
                if (kind == Kind.VECTOR) vectors.add(d);
                // The vector steps run in a method of their own: nothing they assign reaches the code after the loop.
                if (live.liveIn(exit, d)) throw new NotVectorised(d + ", assigned in the loop, is read after it");
            }
            if (kind == Kind.VECTOR || x instanceof Instr.Store) vector.add(x);
            else scalar.add(x);
        }
        for (Param.Array a : uniformLoads)
            if (stored.contains(a)) throw new NotVectorised("array " + a.name() + " is stored and also read at one index for all lanes");
        if (accesses.stream().noneMatch(Access::store)) throw new NotVectorised("no array is stored a vector at a time");
        List<int[]> pairs = new ArrayList<>();
        for (int p = 0; p < accesses.size(); p++)
            for (int q = p + 1; q < accesses.size(); q++) {
                Access ap = accesses.get(p), aq = accesses.get(q);
                if (ap.array() == aq.array() && (ap.store() || aq.store())) pairs.add(new int[]{p, q});
            }
        liveIn.remove(i);
        List<Value.Reg> ins = new ArrayList<>();
        ins.add(i);
        ins.addAll(liveIn);
        return new VectorLoop(header, body, exit, i, cmp.b(), scalar, vector, vectors, accesses, pairs, ins, List.copyOf(arrays));
    }

    /** One entry per (array, index expression); a store marks the entry. */
    private static void access(List<Access> accesses, Param.Array a, Value.Reg index, boolean store, Map<Value.Reg, String> keys) {
        String key = keyOf(index, keys);
        for (int n = 0; n < accesses.size(); n++) {
            Access x = accesses.get(n);
            if (x.array() == a && x.key().equals(key)) {
                if (store && !x.store()) accesses.set(n, new Access(a, x.index(), true, key));
                return;
            }
        }
        accesses.add(new Access(a, index, store, key));
    }

    /**
     * The expression an instruction computes, as text over loop-invariant registers, constants and the loop index:
     * equal keys, equal values (every register the body assigns is assigned once). Additions are ordered, so
     * {@code c0 + j} and {@code j + c0} meet.
     */
    private static String key(Instr x, Map<Value.Reg, String> keys) {
        return switch (x) {
            case Instr.Move m -> keyOf(m.src(), keys);
            case Instr.Binary b -> {
                String ka = keyOf(b.a(), keys), kb = keyOf(b.b(), keys);
                boolean commutes = b.op() == Op.Binary.ADD || b.op() == Op.Binary.MUL;
                yield b.op() + "(" + (commutes && ka.compareTo(kb) > 0 ? kb + "," + ka : ka + "," + kb) + ")";
            }
            default -> "value of " + Instrs.def(x); // a load, a call...: known only as itself
        };
    }

    private static String keyOf(Value v, Map<Value.Reg, String> keys) {
        return switch (v) {
            case Value.Const c -> c.type() + ":" + c.value();
            case Value.Reg r -> keys.getOrDefault(r, "r" + r.id());
        };
    }

    private static Kind kindOf(Value v, Map<Value.Reg, Kind> kinds) {
        return v instanceof Value.Reg r ? kinds.getOrDefault(r, Kind.UNIFORM) : Kind.UNIFORM;
    }

    private static Kind classify(Instr x, Map<Value.Reg, Kind> kinds, boolean relaxed) throws NotVectorised {
        boolean allUniform = Instrs.uses(x).stream().allMatch(v -> kindOf(v, kinds) == Kind.UNIFORM);
        switch (x) {
            case Instr.Barrier b -> throw new NotVectorised("barrier");
            case Instr.Thread t -> throw new NotVectorised("work-item query in the loop");
            case Instr.AtomicAdd a -> throw new NotVectorised("atomicAdd");
            case Instr.Store s -> {
                if (!(s.array() instanceof Param.Array a) || a.elementType() != Type.FLOAT) throw new NotVectorised("store to " + s.array().name() + " (not a float array)");
                if (kindOf(s.index(), kinds) != Kind.AFFINE) throw new NotVectorised("store to " + a.name() + " at an index that is not base + i");
                Kind v = kindOf(s.value(), kinds);
                if (v != Kind.UNIFORM && v != Kind.VECTOR) throw new NotVectorised("store of a " + v + " value");
                return Kind.VECTOR;
            }
            case Instr.Load l -> {
                if (!(l.array() instanceof Param.Array a)) throw new NotVectorised("local array");
                Kind ix = kindOf(l.index(), kinds);
                if (ix == Kind.UNIFORM) return Kind.UNIFORM;
                if (ix == Kind.AFFINE && a.elementType() == Type.FLOAT) return Kind.VECTOR;
                throw new NotVectorised("load from " + a.name() + " at a per-lane index that is not a float vector");
            }
            default -> {}
        }
        if (allUniform) return Kind.UNIFORM;
        switch (x) {
            case Instr.Move m -> { return kindOf(m.src(), kinds); }
            case Instr.Binary b -> {
                Kind ka = kindOf(b.a(), kinds), kb = kindOf(b.b(), kinds);
                if (b.dst().type() == Type.INT && ka == Kind.AFFINE && kb == Kind.UNIFORM && (b.op() == Op.Binary.ADD || b.op() == Op.Binary.SUB)) return Kind.AFFINE;
                if (b.dst().type() == Type.INT && ka == Kind.UNIFORM && kb == Kind.AFFINE && b.op() == Op.Binary.ADD) return Kind.AFFINE;
                if (b.dst().type() == Type.BOOL && maskOperands(kinds, b.a(), b.b())
                        && (b.op() == Op.Binary.AND || b.op() == Op.Binary.OR || b.op() == Op.Binary.XOR)) return Kind.VECTOR;
                if (b.dst().type() == Type.FLOAT && floatOperands(kinds, b.a(), b.b())
                        && (b.op() == Op.Binary.ADD || b.op() == Op.Binary.SUB || b.op() == Op.Binary.MUL || b.op() == Op.Binary.DIV)) return Kind.VECTOR;
                throw new NotVectorised(b.op() + " on " + b.dst().type() + " per lane");
            }
            case Instr.Unary u -> {
                if (u.op() == Op.Unary.NEG && u.dst().type() == Type.FLOAT && kindOf(u.a(), kinds) == Kind.VECTOR) return Kind.VECTOR;
                if (u.op() == Op.Unary.NOT && maskOperands(kinds, u.a())) return Kind.VECTOR;
                throw new NotVectorised(u.op() + " per lane");
            }
            case Instr.Compare c -> {
                if (floatOperands(kinds, c.a(), c.b())) return Kind.VECTOR; // a mask
                throw new NotVectorised("comparison of " + c.a().type() + " per lane");
            }
            case Instr.Select sel -> {
                // A float per lane chosen by a mask or a uniform condition; a BOOL chosen per lane has no vector form here.
                if (sel.dst().type() == Type.FLOAT && (maskOperands(kinds, sel.cond()) || kindOf(sel.cond(), kinds) == Kind.UNIFORM)
                        && sel.a().type() == Type.FLOAT && kindOf(sel.a(), kinds) != Kind.AFFINE && kindOf(sel.b(), kinds) != Kind.AFFINE)
                    return Kind.VECTOR;
                throw new NotVectorised("select of " + sel.dst().type() + " per lane");
            }
            case Instr.Call c -> {
                if (!floatOperands(kinds, c.args().toArray(Value[]::new)) || c.args().getFirst().type() != Type.FLOAT)
                    throw new NotVectorised(c.fn() + " per lane of a non-float");
                if (!EXACT.contains(c.fn()) && !(relaxed && RELAXED.contains(c.fn())))
                    throw new NotVectorised(c.fn() + " per lane" + (RELAXED.contains(c.fn()) ? " (vectorised under relaxed maths only)" : ""));
                return Kind.VECTOR;
            }
            default -> throw new NotVectorised(x.getClass().getSimpleName() + " per lane");
        }
    }

    /** Every operand is a BOOL: a mask (a BOOL per lane) or uniform, and at least one is a mask. */
    private static boolean maskOperands(Map<Value.Reg, Kind> kinds, Value... vs) {
        boolean vec = false;
        for (Value v : vs) {
            Kind kv = kindOf(v, kinds);
            if (v.type() != Type.BOOL || kv == Kind.AFFINE) return false;
            vec |= kv == Kind.VECTOR;
        }
        return vec;
    }

    /** Every operand is a float vector or a uniform float, and at least one is a vector. */
    private static boolean floatOperands(Map<Value.Reg, Kind> kinds, Value... vs) {
        boolean vec = false;
        for (Value v : vs) {
            Kind kv = kindOf(v, kinds);
            if (v.type() != Type.FLOAT || (kv != Kind.VECTOR && kv != Kind.UNIFORM)) return false;
            vec |= kv == Kind.VECTOR;
        }
        return vec;
    }
}
