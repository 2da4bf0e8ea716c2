package org.trm4j.jit.opencl;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.ParallelDim;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

import java.util.List;

/** Hand-built IR for tests that must not depend on the bytecode front end. */
public final class TestIr {
    private TestIr() {}

    /** Appends the instructions of one element's computation to {@code block} and returns the result. */
    @FunctionalInterface
    public interface Body {
        Value emit(Kernel k, Block block, Value x, Value y);
    }

    /**
     * {@code out[i] = body(a[i], b[i])} for every i of {@code out}, as the front end lowers a
     * {@code @Parallel} loop: a grid-stride loop over dimension 0, bounded by out's length.
     * Parameters: a (Java index 0), b (1), out (2).
     */
    public static Kernel map2(String name, Type ta, Type tb, Type tout, Body body) {
        Kernel k = new Kernel(name, "test.TestKernels." + name);
        Param.Array a = new Param.Array("a", 0, ta);
        Param.Array b = new Param.Array("b", 1, tb);
        Param.Array out = new Param.Array("out", 2, tout);
        k.params.addAll(List.of(a, b, out));
        Value.Reg i = k.newReg(Type.INT, "i");
        Value.Reg n = k.newReg(Type.INT, "n");
        Value.Reg step = k.newReg(Type.INT, "step");
        Value.Reg more = k.newReg(Type.BOOL, "more");
        Value.Reg x = k.newReg(loaded(ta), "x");
        Value.Reg y = k.newReg(loaded(tb), "y");
        Block entry = k.newBlock(), head = k.newBlock(), loop = k.newBlock(), exit = k.newBlock();
        entry.origin = "bci 0, line 1";
        entry.instrs.add(new Instr.Thread(i, Op.ThreadQuery.GLOBAL_ID, 0));
        entry.instrs.add(new Instr.Thread(step, Op.ThreadQuery.GLOBAL_SIZE, 0));
        entry.instrs.add(new Instr.ArrayLength(n, out));
        entry.terminator = new Terminator.Jump(head);
        head.instrs.add(new Instr.Compare(more, Op.Cond.LT, i, n, false));
        head.terminator = new Terminator.Branch(more, loop, exit);
        loop.instrs.add(new Instr.Load(x, a, i));
        loop.instrs.add(new Instr.Load(y, b, i));
        Value r = body.emit(k, loop, x, y);
        loop.instrs.add(new Instr.Store(out, i, r));
        loop.instrs.add(new Instr.Binary(i, Op.Binary.ADD, i, step));
        loop.terminator = new Terminator.Jump(head);
        exit.terminator = new Terminator.Return();
        k.parallelDims.add(new ParallelDim(0, new ParallelDim.Bound.ArraySize(2)));
        return k;
    }

    /** {@code out[i] = a[i] op b[i]}. */
    public static Kernel binary(String name, Type t, Op.Binary op) {
        return map2(name, t, op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR ? Type.INT : t, t, (k, blk, x, y) -> {
            Value.Reg r = k.newReg(t, "r");
            blk.instrs.add(new Instr.Binary(r, op, x, y));
            return r;
        });
    }

    /** {@code out[i] = fn(a[i], b[i])} or {@code fn(a[i])} for unary intrinsics. */
    public static Kernel call(String name, Type t, Type result, Op.Intrinsic fn) {
        return map2(name, t, t, result, (k, blk, x, y) -> {
            Value.Reg r = k.newReg(result, "r");
            List<Value> args = switch (fn.arity) {
                case 1 -> List.of(x);
                case 2 -> List.of(x, y);
                default -> List.of(x, y, y);
            };
            blk.instrs.add(new Instr.Call(r, fn, args));
            return r;
        });
    }

    /** {@code out[i] = (result) a[i]} with Java's conversion semantics. */
    public static Kernel convert(String name, Type from, Type to) {
        return map2(name, from, from, to, (k, blk, x, y) -> {
            Value.Reg r = k.newReg(to, "r");
            blk.instrs.add(new Instr.Convert(r, x));
            return r;
        });
    }

    /** {@code out[i] = (a[i] cond b[i]) ? 1 : 0} with the given NaN behaviour. */
    public static Kernel compare(String name, Type t, Op.Cond cond, boolean unordered) {
        return map2(name, t, t, Type.INT, (k, blk, x, y) -> {
            Value.Reg c = k.newReg(Type.BOOL, "c");
            Value.Reg r = k.newReg(Type.INT, "r");
            blk.instrs.add(new Instr.Compare(c, cond, x, y, unordered));
            blk.instrs.add(new Instr.Select(r, c, Value.Const.i32(1), Value.Const.i32(0)));
            return r;
        });
    }

    /** {@code out[i] = constant} (a and b unused). */
    public static Kernel constant(String name, Value.Const c) {
        return map2(name, c.type(), c.type(), c.type(), (k, blk, x, y) -> c);
    }

    /** The register type an element of {@code t} loads into (bytes widen to int). */
    public static Type loaded(Type t) { return t == Type.BYTE ? Type.INT : t; }
}
