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

    /**
     * Hand-built IR for every operator, conversion, comparison and intrinsic on every type that has it
     * (plus a byte conversion, ISNAN through a select, and awkward constants): what each renderer's
     * offline checker (ptxas, spirv-val) must accept.
     */
    public static java.util.List<Kernel> everyOperation() {
        java.util.List<Kernel> kernels = new java.util.ArrayList<>();
        Type[] numeric = {Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE};
        for (Type t : numeric)
            for (Op.Binary op : Op.Binary.values()) {
                boolean bitOp = op == Op.Binary.AND || op == Op.Binary.OR || op == Op.Binary.XOR
                        || op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR;
                if (bitOp && t.isFloating()) continue;
                kernels.add(binary(op + "_" + t, t, op));
            }
        for (Type from : numeric) for (Type to : numeric) kernels.add(convert("cv_" + from + "_" + to, from, to));
        kernels.add(convert("cv_byte_int", Type.BYTE, Type.INT));
        for (Type t : numeric)
            for (Op.Cond cond : Op.Cond.values())
                for (boolean unordered : t.isFloating() ? new boolean[] {false, true} : new boolean[] {false})
                    kernels.add(compare("cmp_" + t + "_" + cond + (unordered ? "_u" : ""), t, cond, unordered));
        for (Type t : new Type[] {Type.FLOAT, Type.DOUBLE}) {
            for (Op.Intrinsic fn : Op.Intrinsic.values())
                if (fn != Op.Intrinsic.ISNAN) kernels.add(call("call_" + fn + "_" + t, t, t, fn));
            // ISNAN returns a bool, which no array holds: select an int from it.
            kernels.add(map2("isnan_" + t, t, t, Type.INT, (k, blk, x, y) -> {
                Value.Reg nan = k.newReg(Type.BOOL, "nan");
                Value.Reg r = k.newReg(Type.INT, "r");
                blk.instrs.add(new Instr.Call(nan, Op.Intrinsic.ISNAN, List.of(x)));
                blk.instrs.add(new Instr.Select(r, nan, Value.Const.i32(1), Value.Const.i32(0)));
                return r;
            }));
        }
        for (Type t : new Type[] {Type.INT, Type.LONG})
            for (Op.Intrinsic fn : List.of(Op.Intrinsic.ABS, Op.Intrinsic.MIN, Op.Intrinsic.MAX))
                kernels.add(call("call_" + fn + "_" + t, t, t, fn));
        // Booleans: a select between two, and == / != of two (PTX has neither; JavaSemantics rewrites them).
        for (Op.Cond cond : List.of(Op.Cond.EQ, Op.Cond.NE))
            kernels.add(map2("bool_" + cond, Type.INT, Type.INT, Type.INT, (k, blk, x, y) -> {
                Value.Reg lt = k.newReg(Type.BOOL, "lt"), gt = k.newReg(Type.BOOL, "gt"), pick = k.newReg(Type.BOOL, "pick");
                Value.Reg same = k.newReg(Type.BOOL, "same"), r = k.newReg(Type.INT, "r");
                blk.instrs.add(new Instr.Compare(lt, Op.Cond.LT, x, y, false));
                blk.instrs.add(new Instr.Compare(gt, Op.Cond.GT, x, y, false));
                blk.instrs.add(new Instr.Select(pick, lt, gt, Value.Const.bool(true)));
                blk.instrs.add(new Instr.Compare(same, cond, pick, lt, false));
                blk.instrs.add(new Instr.Select(r, same, Value.Const.i32(1), Value.Const.i32(0)));
                return r;
            }));
        kernels.add(constant("nan", Value.Const.f32(Float.NaN)));
        kernels.add(constant("negzero", Value.Const.f64(-0.0)));
        kernels.add(constant("minlong", Value.Const.i64(Long.MIN_VALUE)));
        return kernels;
    }
}
