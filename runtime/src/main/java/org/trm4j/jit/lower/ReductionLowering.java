package org.trm4j.jit.lower;

import java.util.ArrayList;
import java.util.List;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Instrs;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.LoweredReduction;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * Turns a {@code @Reduce} loop into a parallel reduction, as IR, so every renderer gets it. The loop must
 * accumulate into one constant element of the @Reduce array with +, *, min or max on int, long, float or double:
 * {@code r[c] = r[c] OP x} (one read and one write of that array in the whole kernel). Then
 * <pre>
 *   entry:  acc = identity(OP); if (phase == 1) goto combine
 *   phase 0 (grid of groups of GROUP):  the grid-stride loop with r[c] read as acc and written to acc; then
 *           local[lid] = acc; barrier; for (s = lsize / 2; s > 0; s /= 2) { if (lid < s) local[lid] OP= local[lid + s]; barrier }
 *           if (lid == 0) partials[group] = local[0]
 *   phase 1 (one work-item), combine:  v = r[c]; for (j < partials.length) v = v OP partials[j]; r[c] = v
 * </pre>
 * The result is r[c]'s initial value OP'd with every element, as in Java, in another order (floating-point sums
 * differ in rounding only). Kernels of other shapes are left alone: the runtime runs them on one work-item.
 */
public final class ReductionLowering {
    private ReductionLowering() {}

    /** Work-items per group in phase 0 (a power of two every device supports), and the local array's length. */
    public static final int GROUP = 128;
    public static final String PARTIALS = "trm_reduce_partials", PHASE = "trm_reduce_phase";

    /** The combining operators a @Reduce loop may use. */
    public enum Kind { ADD, MUL, MIN, MAX }

    /** A @Reduce loop in plain terms: array parameter {@code javaIndex}, element {@code element}, operator and type. */
    public record Reduction(int javaIndex, int element, Kind kind, Type type) {}

    /** What {@code k}'s @Reduce loop does, or null when it is not of the shape this pass lowers. */
    public static Reduction describe(Kernel k) {
        Shape s = shape(k);
        return s == null ? null : new Reduction(s.array().javaIndex(), (Integer) s.index().value(), s.kind(), s.type());
    }

    private record Shape(Param.Array array, Block block, int load, int store, Value.Const index, Kind kind, Type type) {}

    /**
     * A lowered copy of {@code k}, whose hidden parameters take the host arguments at {@code hiddenIndex} (partials)
     * and {@code hiddenIndex + 1} (phase); or null when {@code k} has no @Reduce loop of the shape above.
     */
    public static Kernel apply(Kernel k, int hiddenIndex) {
        Shape shape = shape(k);
        if (shape == null) return null;
        Kernel c = k.copy();
        Type t = shape.type();
        Block body = c.blocks.get(shape.block().id);
        Instr.Load load = (Instr.Load) body.instrs.get(shape.load());
        Instr.Store store = (Instr.Store) body.instrs.get(shape.store());
        Value.Reg acc = c.newReg(t, "reduce_acc");
        body.instrs.set(shape.load(), new Instr.Move(load.dst(), acc));
        body.instrs.set(shape.store(), new Instr.Move(acc, store.value()));

        Param.Array partials = new Param.Array(PARTIALS, hiddenIndex, t);
        Value.Reg phaseReg = c.newReg(Type.INT, PHASE);
        Param.Scalar phase = new Param.Scalar(PHASE, hiddenIndex + 1, phaseReg);
        c.params.add(partials);
        c.params.add(phase);
        LocalArray local = new LocalArray("trm_reduce_local", t, GROUP);
        c.localArrays.add(local);

        // Every exit of the loop code goes to the work-group combine instead of returning.
        List<Block> original = List.copyOf(c.blocks);
        Block tree = c.newBlock();
        for (Block b : original) if (b.terminator instanceof Terminator.Return) b.terminator = new Terminator.Jump(tree);

        // The old entry's code moves to a new block; the entry sets acc and picks the phase.
        Block entry = c.blocks.getFirst(), loopCode = c.newBlock();
        loopCode.instrs.addAll(entry.instrs);
        loopCode.terminator = entry.terminator;
        loopCode.origin = entry.origin;
        for (Block b : c.blocks) b.terminator = retarget(b.terminator, entry, loopCode);
        entry.instrs.clear();
        entry.instrs.add(new Instr.Move(acc, identity(shape.kind(), t)));
        Value.Reg isCombine = c.newReg(Type.BOOL, "combine_phase");
        entry.instrs.add(new Instr.Compare(isCombine, Op.Cond.EQ, phaseReg, Value.Const.i32(1), false));
        Block combine = c.newBlock();
        entry.terminator = new Terminator.Branch(isCombine, combine, loopCode);

        workGroupTree(c, tree, local, partials, acc, shape.kind(), t);
        finalCombine(c, combine, shape.array(), shape.index(), partials, shape.kind(), t);
        c.reduction = new LoweredReduction(partials, phase, GROUP);
        for (Block b : c.blocks) if (b.origin == null || b.origin.isEmpty()) b.origin = "@Reduce lowering of " + k.source;
        IrVerifier.verify(c, "reduction lowering");
        return c;
    }

    /** local[lid] = acc, then a halving tree in local memory; work-item 0 writes the group's partial. */
    private static void workGroupTree(Kernel c, Block start, LocalArray local, Param.Array partials, Value.Reg acc, Kind kind, Type t) {
        Value.Reg lid = c.newReg(Type.INT, "lid"), lsize = c.newReg(Type.INT, "lsize"), group = c.newReg(Type.INT, "group");
        Value.Reg stride = c.newReg(Type.INT, "stride");
        start.instrs.add(new Instr.Thread(lid, Op.ThreadQuery.LOCAL_ID, 0));
        start.instrs.add(new Instr.Thread(lsize, Op.ThreadQuery.LOCAL_SIZE, 0));
        start.instrs.add(new Instr.Thread(group, Op.ThreadQuery.GROUP_ID, 0));
        start.instrs.add(new Instr.Store(local, lid, acc));
        start.instrs.add(new Instr.Barrier(Op.BarrierScope.LOCAL));
        start.instrs.add(new Instr.Binary(stride, Op.Binary.SHR, lsize, Value.Const.i32(1)));
        Block head = c.newBlock(), test = c.newBlock(), step = c.newBlock(), next = c.newBlock(), last = c.newBlock(),
                write = c.newBlock(), done = c.newBlock();
        start.terminator = new Terminator.Jump(head);

        Value.Reg more = c.newReg(Type.BOOL, "more");
        head.instrs.add(new Instr.Compare(more, Op.Cond.GT, stride, Value.Const.i32(0), false));
        head.terminator = new Terminator.Branch(more, test, last);

        Value.Reg active = c.newReg(Type.BOOL, "active");
        test.instrs.add(new Instr.Compare(active, Op.Cond.LT, lid, stride, false));
        test.terminator = new Terminator.Branch(active, step, next);

        Value.Reg other = c.newReg(Type.INT, "other"), mine = c.newReg(t, "mine"), theirs = c.newReg(t, "theirs"), both = c.newReg(t, "both");
        step.instrs.add(new Instr.Binary(other, Op.Binary.ADD, lid, stride));
        step.instrs.add(new Instr.Load(mine, local, lid));
        step.instrs.add(new Instr.Load(theirs, local, other));
        step.instrs.add(combine(both, kind, mine, theirs));
        step.instrs.add(new Instr.Store(local, lid, both));
        step.terminator = new Terminator.Jump(next);

        next.instrs.add(new Instr.Barrier(Op.BarrierScope.LOCAL));
        next.instrs.add(new Instr.Binary(stride, Op.Binary.SHR, stride, Value.Const.i32(1)));
        next.terminator = new Terminator.Jump(head);

        Value.Reg first = c.newReg(Type.BOOL, "first_item"), result = c.newReg(t, "group_result");
        last.instrs.add(new Instr.Compare(first, Op.Cond.EQ, lid, Value.Const.i32(0), false));
        last.terminator = new Terminator.Branch(first, write, done);
        write.instrs.add(new Instr.Load(result, local, Value.Const.i32(0)));
        write.instrs.add(new Instr.Store(partials, group, result));
        write.terminator = new Terminator.Jump(done);
        done.terminator = new Terminator.Return();
    }

    /** One work-item: r[index] = r[index] OP partials[0] OP ... in order. */
    private static void finalCombine(Kernel c, Block start, Param.Array array, Value.Const index, Param.Array partials, Kind kind, Type t) {
        Value.Reg value = c.newReg(t, "total"), j = c.newReg(Type.INT, "j"), n = c.newReg(Type.INT, "groups");
        start.instrs.add(new Instr.Load(value, array, index));
        start.instrs.add(new Instr.Move(j, Value.Const.i32(0)));
        start.instrs.add(new Instr.ArrayLength(n, partials));
        Block head = c.newBlock(), body = c.newBlock(), end = c.newBlock();
        start.terminator = new Terminator.Jump(head);
        Value.Reg more = c.newReg(Type.BOOL, "more_partials");
        head.instrs.add(new Instr.Compare(more, Op.Cond.LT, j, n, false));
        head.terminator = new Terminator.Branch(more, body, end);
        Value.Reg x = c.newReg(t, "partial"), y = c.newReg(t, "folded");
        body.instrs.add(new Instr.Load(x, partials, j));
        body.instrs.add(combine(y, kind, value, x));
        body.instrs.add(new Instr.Move(value, y));
        body.instrs.add(new Instr.Binary(j, Op.Binary.ADD, j, Value.Const.i32(1)));
        body.terminator = new Terminator.Jump(head);
        end.instrs.add(new Instr.Store(array, index, value));
        end.terminator = new Terminator.Return();
    }

    private static Instr combine(Value.Reg dst, Kind kind, Value a, Value b) {
        return switch (kind) {
            case ADD -> new Instr.Binary(dst, Op.Binary.ADD, a, b);
            case MUL -> new Instr.Binary(dst, Op.Binary.MUL, a, b);
            case MIN -> new Instr.Call(dst, Op.Intrinsic.MIN, List.of(a, b));
            case MAX -> new Instr.Call(dst, Op.Intrinsic.MAX, List.of(a, b));
        };
    }

    private static Value.Const identity(Kind kind, Type t) {
        return switch (kind) {
            case ADD -> constant(t, 0, 0L, 0f, 0d);
            case MUL -> constant(t, 1, 1L, 1f, 1d);
            case MIN -> constant(t, Integer.MAX_VALUE, Long.MAX_VALUE, Float.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            case MAX -> constant(t, Integer.MIN_VALUE, Long.MIN_VALUE, Float.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        };
    }

    private static Value.Const constant(Type t, int i, long l, float f, double d) {
        return switch (t) {
            case INT -> Value.Const.i32(i);
            case LONG -> Value.Const.i64(l);
            case FLOAT -> Value.Const.f32(f);
            case DOUBLE -> Value.Const.f64(d);
            default -> throw new IllegalArgumentException("no reduction on " + t);
        };
    }

    private static Terminator retarget(Terminator t, Block from, Block to) {
        return switch (t) {
            case Terminator.Jump j when j.target() == from -> new Terminator.Jump(to);
            case Terminator.Branch b when b.ifTrue() == from || b.ifFalse() == from -> new Terminator.Branch(b.cond(),
                    b.ifTrue() == from ? to : b.ifTrue(), b.ifFalse() == from ? to : b.ifFalse());
            case null, default -> t;
        };
    }

    /** The one read-combine-write of the @Reduce array, or null when the kernel does something else with it. */
    private static Shape shape(Kernel k) {
        if (k.reductionParams.size() != 1 || k.parallelDims.size() != 1 || k.parallelDims.getFirst().dim() != 0
                || k.usesKernelContext || k.reduction != null || k.checkedAccesses != null) return null;
        Param.Array array = null;
        for (Param p : k.params) if (p instanceof Param.Array a && a.javaIndex() == k.reductionParams.getFirst()) array = a;
        if (array == null) return null;
        Type t = array.elementType();
        if (t != Type.INT && t != Type.LONG && t != Type.FLOAT && t != Type.DOUBLE) return null;
        Block block = null;
        int load = -1, store = -1;
        for (Block b : k.blocks) {
            for (int i = 0; i < b.instrs.size(); i++) {
                Instr in = b.instrs.get(i);
                boolean reads = in instanceof Instr.Load l && l.array() == array, writes = in instanceof Instr.Store s && s.array() == array;
                if (in instanceof Instr.AtomicAdd a && a.array() == array) return null;
                if (!reads && !writes) continue;
                if (block != null && block != b) return null;
                block = b;
                if (reads) { if (load >= 0) return null; load = i; }
                if (writes) { if (store >= 0) return null; store = i; }
            }
        }
        if (block == null || load < 0 || store < load) return null;
        Instr.Load l = (Instr.Load) block.instrs.get(load);
        Instr.Store s = (Instr.Store) block.instrs.get(store);
        if (!(l.index() instanceof Value.Const ci) || !(s.index() instanceof Value.Const cs) || !ci.value().equals(cs.value())) return null;
        if (!(s.value() instanceof Value.Reg v)) return null;
        Kind kind = null;
        for (int i = load + 1; i < store; i++) {
            Instr in = block.instrs.get(i);
            if (!v.equals(Instrs.def(in))) continue;
            kind = kindOf(in, l.dst());
        }
        if (kind == null) return null;
        // The loaded value feeds the combine only, and the combined value the store only.
        if (uses(k, l.dst()) != 1 || uses(k, v) != 1) return null;
        return new Shape(array, block, load, store, ci, kind, t);
    }

    private static Kind kindOf(Instr in, Value.Reg loaded) {
        return switch (in) {
            case Instr.Binary b when b.a().equals(loaded) != b.b().equals(loaded) && b.op() == Op.Binary.ADD -> Kind.ADD;
            case Instr.Binary b when b.a().equals(loaded) != b.b().equals(loaded) && b.op() == Op.Binary.MUL -> Kind.MUL;
            case Instr.Call c when c.args().size() == 2 && c.args().get(0).equals(loaded) != c.args().get(1).equals(loaded) && c.fn() == Op.Intrinsic.MIN -> Kind.MIN;
            case Instr.Call c when c.args().size() == 2 && c.args().get(0).equals(loaded) != c.args().get(1).equals(loaded) && c.fn() == Op.Intrinsic.MAX -> Kind.MAX;
            default -> null;
        };
    }

    private static int uses(Kernel k, Value.Reg r) {
        int n = 0;
        for (Block b : k.blocks) {
            for (Instr i : b.instrs) for (Value v : Instrs.uses(i)) if (v.equals(r)) n++;
            if (b.terminator instanceof Terminator.Branch br && br.cond().equals(r)) n++;
        }
        return n;
    }
}
