package org.trm4j.jit.lower;

import java.util.ArrayList;
import java.util.List;
import org.trm4j.jit.ir.ArrayRef;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.CheckedAccesses;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * Guards every array access with {@code 0 <= index < length}; see {@link CheckedAccesses} for what a
 * violation writes. Written once, as IR, so every renderer gets it. Each access becomes
 * <pre>
 *   bad = index &lt; 0 | index &gt;= length;  if (bad) goto fail else goto ok
 *   fail:   old = atomicAdd(errors[0], 1); dst = 0;  if (old == 0) goto record else goto cont
 *   record: errors[1] = site; errors[2] = index; errors[3] = length; goto cont
 *   ok:     the access; goto cont
 *   cont:   the rest of the block
 * </pre>
 * A failing work-item carries on (it does not return): leaving early could strand the others at a barrier.
 */
public final class BoundsCheckPass {
    private BoundsCheckPass() {}

    /** Name of the hidden error array parameter. */
    public static final String ERRORS = "trm_bounds_errors";

    /**
     * A checked copy of {@code k}; the hidden int array parameter is the last one and takes the host
     * argument at {@code javaIndex} (the number of the Java method's parameters: the launch appends it).
     */
    public static Kernel apply(Kernel k, int javaIndex) {
        if (k.checkedAccesses != null) throw new IllegalArgumentException(k.source + " is already bounds-checked");
        Kernel c = k.copy();
        Param.Array errors = new Param.Array(ERRORS, javaIndex, Type.INT);
        c.params.add(errors);
        List<CheckedAccesses.Site> sites = new ArrayList<>();
        int original = c.blocks.size();
        for (int id = 0; id < original; id++) {
            Block b = c.blocks.get(id);
            List<Instr> body = new ArrayList<>(b.instrs);
            Terminator end = b.terminator;
            b.instrs.clear();
            Block cur = b;
            for (Instr i : body) {
                Access a = access(i);
                if (a == null) {
                    cur.instrs.add(i);
                    continue;
                }
                int site = sites.size();
                sites.add(new CheckedAccesses.Site(a.array().name(), a.kind()));
                cur = guard(c, cur, i, a, errors, site, b.origin);
            }
            cur.terminator = end;
        }
        c.checkedAccesses = new CheckedAccesses(errors, List.copyOf(sites));
        IrVerifier.verify(c, "bounds checks");
        return c;
    }

    private record Access(ArrayRef array, Value index, Value.Reg dst, String kind) {}

    private static Access access(Instr i) {
        return switch (i) {
            case Instr.Load l -> new Access(l.array(), l.index(), l.dst(), "read");
            case Instr.Store s -> new Access(s.array(), s.index(), null, "write");
            case Instr.AtomicAdd a -> new Access(a.array(), a.index(), a.dst(), "atomicAdd");
            default -> null;
        };
    }

    /** Ends {@code cur} with the check of {@code access}; returns the block where the rest of the code goes. */
    private static Block guard(Kernel k, Block cur, Instr access, Access a, Param.Array errors, int site, String origin) {
        // A copy: a register (every target can compare it) that a load into the index register cannot clobber.
        Value.Reg index = k.newReg(Type.INT, "idx");
        cur.instrs.add(new Instr.Move(index, a.index()));
        Value length;
        if (a.array() instanceof Param.Array p) {
            Value.Reg len = k.newReg(Type.INT, "len");
            cur.instrs.add(new Instr.ArrayLength(len, p));
            length = len;
        } else {
            length = Value.Const.i32(((LocalArray) a.array()).length());
        }
        Value.Reg below = k.newReg(Type.BOOL, "below"), above = k.newReg(Type.BOOL, "above"), bad = k.newReg(Type.BOOL, "oob");
        cur.instrs.add(new Instr.Compare(below, Op.Cond.LT, index, Value.Const.i32(0), false));
        cur.instrs.add(new Instr.Compare(above, Op.Cond.GE, index, length, false));
        cur.instrs.add(new Instr.Binary(bad, Op.Binary.OR, below, above));

        Block fail = k.newBlock(), record = k.newBlock(), ok = k.newBlock(), cont = k.newBlock();
        for (Block b : List.of(fail, record, ok, cont)) b.origin = origin;
        cur.terminator = new Terminator.Branch(bad, fail, ok);

        Value.Reg old = k.newReg(Type.INT, "violations"), first = k.newReg(Type.BOOL, "first");
        fail.instrs.add(new Instr.AtomicAdd(old, errors, Value.Const.i32(CheckedAccesses.COUNT), Value.Const.i32(1)));
        if (a.dst() != null) fail.instrs.add(new Instr.Move(a.dst(), zero(a.dst().type())));
        fail.instrs.add(new Instr.Compare(first, Op.Cond.EQ, old, Value.Const.i32(0), false));
        fail.terminator = new Terminator.Branch(first, record, cont);

        record.instrs.add(new Instr.Store(errors, Value.Const.i32(CheckedAccesses.SITE), Value.Const.i32(site)));
        record.instrs.add(new Instr.Store(errors, Value.Const.i32(CheckedAccesses.INDEX), index));
        record.instrs.add(new Instr.Store(errors, Value.Const.i32(CheckedAccesses.LENGTH), length));
        record.terminator = new Terminator.Jump(cont);

        ok.instrs.add(access);
        ok.terminator = new Terminator.Jump(cont);
        return cont;
    }

    private static Value.Const zero(Type t) {
        return switch (t) {
            case INT, BYTE -> Value.Const.i32(0);
            case LONG -> Value.Const.i64(0);
            case FLOAT -> Value.Const.f32(0);
            case DOUBLE -> Value.Const.f64(0);
            case BOOL -> Value.Const.bool(false);
            case HALF, SHORT, CHAR -> throw new IllegalArgumentException("no " + t + " registers");
        };
    }
}
