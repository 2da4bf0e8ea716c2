package org.trm4j.jit.frontend;

import java.util.List;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/** Appends IR to the current block of a kernel; every value-producing helper returns a fresh register. */
final class Emitter {
    final Kernel kernel;
    /** Where instructions go; null right after a terminator until the next block is entered. */
    Block cur;

    Emitter(Kernel kernel) { this.kernel = kernel; }

    Value.Reg temp(Type t) { return kernel.newReg(t, null); }

    void emit(Instr i) {
        if (cur == null) throw new IllegalStateException("internal error: instruction after a terminator: " + i);
        cur.instrs.add(i);
    }

    void move(Value.Reg dst, Value src) {
        if (!dst.equals(src)) emit(new Instr.Move(dst, src));
    }

    Value.Reg copy(Value src) {
        Value.Reg d = temp(src.type());
        emit(new Instr.Move(d, src));
        return d;
    }

    Value.Reg binary(Op.Binary op, Value a, Value b) {
        Value.Reg d = temp(a.type());
        emit(new Instr.Binary(d, op, a, b));
        return d;
    }

    Value.Reg unary(Op.Unary op, Value a) {
        Value.Reg d = temp(a.type());
        emit(new Instr.Unary(d, op, a));
        return d;
    }

    Value.Reg convert(Type to, Value src) {
        Value.Reg d = temp(to);
        emit(new Instr.Convert(d, src));
        return d;
    }

    Value.Reg compare(Op.Cond cond, Value a, Value b, boolean unordered) {
        Value.Reg d = temp(Type.BOOL);
        emit(new Instr.Compare(d, cond, a, b, unordered));
        return d;
    }

    Value.Reg select(Value cond, Value a, Value b) {
        Value.Reg d = temp(a.type());
        emit(new Instr.Select(d, cond, a, b));
        return d;
    }

    Value.Reg call(Op.Intrinsic fn, Type result, List<Value> args) {
        Value.Reg d = temp(result);
        emit(new Instr.Call(d, fn, List.copyOf(args)));
        return d;
    }

    Value.Reg thread(Op.ThreadQuery q, int dim) {
        Value.Reg d = temp(Type.INT);
        emit(new Instr.Thread(d, q, dim));
        return d;
    }

    /**
     * The primitive value of a stack entry. A pending lcmp/fcmp* used as an int (not by an ifXX)
     * is computed here with selects that give the JVM's -1/0/1, NaN included.
     */
    Value valueOf(StackEntry e, Where w) {
        return switch (e) {
            case StackEntry.Scalar s -> s.value();
            case StackEntry.PendingCompare pc -> {
                Value.Const minus = Value.Const.i32(-1), zero = Value.Const.i32(0), plus = Value.Const.i32(1);
                Value.Reg eq = compare(Op.Cond.EQ, pc.a(), pc.b(), false);
                if (pc.nanResult() > 0) {
                    // fcmpg/dcmpg: a < b ? -1 : a == b ? 0 : 1 (NaN falls through to 1)
                    Value.Reg lt = compare(Op.Cond.LT, pc.a(), pc.b(), false);
                    yield select(lt, minus, select(eq, zero, plus));
                }
                // lcmp, fcmpl/dcmpl: a > b ? 1 : a == b ? 0 : -1 (NaN falls through to -1)
                Value.Reg gt = compare(Op.Cond.GT, pc.a(), pc.b(), false);
                yield select(gt, plus, select(eq, zero, minus));
            }
            case StackEntry.Ref r -> throw w.error("internal error: expected a primitive value but found reference " + r.sym());
        };
    }

    /** Java booleans are ints: BOOL -> 1 or 0. */
    Value.Reg boolToInt(Value cond) { return select(cond, Value.Const.i32(1), Value.Const.i32(0)); }

    void terminate(Terminator t) {
        if (cur == null) throw new IllegalStateException("internal error: second terminator " + t);
        cur.terminator = t;
        cur = null;
    }

    void jump(Block target) { terminate(new Terminator.Jump(target)); }

    void branch(Value cond, Block ifTrue, Block ifFalse) { terminate(new Terminator.Branch(cond, ifTrue, ifFalse)); }
}
