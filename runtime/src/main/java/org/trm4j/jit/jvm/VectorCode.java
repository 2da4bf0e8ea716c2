package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.lang.constant.ConstantDescs.CD_float;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.trm4j.jit.jvm.JvmNames.*;

/**
 * A {@link VectorLoop} as two methods of their own ({@code static int name(live-in registers..., arrays...,
 * vectorOk)}, each returning the loop index it stopped at): the vector steps, then the kernel's scalar loop for the
 * iterations left (all of them when {@code vectorOk} is 0 or a check fails). Out of the kernel's method and apart,
 * each is small enough for the JIT compilers whatever the size of the kernel (C1 gives up on methods with too many
 * values, and HotSpot never compiles methods over 8000 bytes). Each step runs the body's scalar instructions once, then its vector
 * instructions on {@code FloatVector.SPECIES_PREFERRED} (a BOOL per lane, from an if-converted body, as a
 * {@code VectorMask} of that species). The first step checks the bounds and lane distances
 * ({@link VectorLoop}) and leaves everything to the scalar loop when they fail.
 */
final class VectorCode {
    private VectorCode() {}

    static MethodTypeDesc type(VectorLoop loop) {
        List<ClassDesc> params = new ArrayList<>();
        for (Value.Reg r : loop.liveIn()) params.add(regDesc(r.type()));
        for (Param.Array a : loop.arrays()) params.add(arrayClass(a.elementType()));
        params.add(CD_int); // vectorOk
        return MethodTypeDesc.of(CD_int, params);
    }

    /** The vector steps ({@code name}) and the scalar loop ({@code name + "Rest"}), both {@link #type}. */
    static void emit(ClassBuilder cb, String name, Kernel k, VectorLoop loop, int lanes) {
        cb.withMethodBody(name, type(loop), ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, b -> steps(b, k, loop, lanes));
        cb.withMethodBody(name + "Rest", type(loop), ClassFile.ACC_STATIC | ClassFile.ACC_PRIVATE, b -> rest(b, k, loop));
    }

    /** Slots of the parameters bound in a new ScalarCode; returns it. The vectorOk parameter is {@link #vectorOkSlot}. */
    private static ScalarCode parameters(CodeBuilder b, Kernel k, VectorLoop loop) {
        int slot = 0;
        Map<Value.Reg, Integer> params = new HashMap<>();
        for (Value.Reg r : loop.liveIn()) { params.put(r, slot); slot += ScalarCode.size(r.type()); }
        ScalarCode s = new ScalarCode(k, b, slot + loop.arrays().size() + 1);
        params.forEach(s::bindReg);
        for (Param.Array a : loop.arrays()) s.bindArray(a, slot++);
        return s;
    }

    private static int vectorOkSlot(VectorLoop loop) {
        return loop.liveIn().stream().mapToInt(r -> ScalarCode.size(r.type())).sum() + loop.arrays().size();
    }

    /** The kernel's scalar loop from the index it is given to its end: {@code while (i < n) body}. */
    private static void rest(CodeBuilder b, Kernel k, VectorLoop loop) {
        ScalarCode s = parameters(b, k, loop);
        Label head = b.newLabel(), end = b.newLabel();
        b.labelBinding(head);
        s.load(loop.index());
        s.load(loop.bound());
        b.if_icmpge(end);
        for (Instr x : loop.body().instrs) s.emit(x, loop.body());
        b.goto_(head);
        b.labelBinding(end);
        s.load(loop.index());
        b.ireturn();
    }

    private static void steps(CodeBuilder b, Kernel k, VectorLoop loop, int lanes) {
        ScalarCode s = parameters(b, k, loop);
        Map<Value.Reg, Integer> vectorSlots = new HashMap<>();
        for (Value.Reg r : loop.vectors()) vectorSlots.put(r, s.newSlot(1));
        int limit = s.newSlot(1), first = s.newSlot(1);
        Value.Reg i = loop.index();
        Label step = b.newLabel(), done = b.newLabel(), checked = b.newLabel();

        b.iload(vectorOkSlot(loop));
        b.ifeq(done);
        // (long) n - i < lanes: fewer than a vector's iterations, nothing to do here.
        s.load(loop.bound());
        b.i2l();
        s.load(i);
        b.i2l();
        b.lsub();
        b.loadConstant((long) lanes);
        b.lcmp();
        b.iflt(done);
        // A counted loop as C2 likes it (int index, invariant limit, no overflow: n - i >= lanes was checked).
        s.load(loop.bound());
        b.loadConstant(lanes);
        b.isub();
        b.istore(limit);
        b.iconst_1();
        b.istore(first);
        b.labelBinding(step);
        for (Instr x : loop.scalar()) s.emit(x, loop.body());
        // The first step checks what its indexes say for the whole loop.
        b.iload(first);
        b.ifeq(checked);
        Map<Param.Array, List<VectorLoop.Access>> byArray = new java.util.LinkedHashMap<>();
        for (VectorLoop.Access a : loop.accesses()) byArray.computeIfAbsent(a.array(), x -> new ArrayList<>()).add(a);
        for (var e : byArray.entrySet()) checks(b, s, loop, e.getValue(), lanes, done);
        b.iconst_0();
        b.istore(first);
        b.labelBinding(checked);

        VectorOps v = new VectorOps(b, s, vectorSlots, k, loop);
        for (Instr x : loop.vector()) v.emit(x);
        s.load(i);
        b.loadConstant(lanes);
        b.iadd();
        s.store(i);
        s.load(i);
        b.iload(limit);
        b.if_icmple(step);
        b.labelBinding(done);
        s.load(i);
        b.ireturn();
    }

    /**
     * The entry checks of one array's vector accesses (in program order). Fast path, what the stripes of a matmul
     * give: the indexes ascend, at least a vector apart where the array is stored, so only the first and the last
     * need a bounds check. Otherwise every index is checked for bounds, and every pair with a store for distance.
     */
    private static void checks(CodeBuilder b, ScalarCode s, VectorLoop loop, List<VectorLoop.Access> acc, int lanes, Label fail) {
        if (acc.size() == 1) {
            bounds(b, s, loop, acc.getFirst(), fail);
            return;
        }
        boolean stored = acc.stream().anyMatch(VectorLoop.Access::store);
        Label slow = b.newLabel(), next = b.newLabel();
        for (int k = 0; k + 1 < acc.size(); k++) {
            s.load(acc.get(k + 1).index());
            b.i2l();
            s.load(acc.get(k).index());
            b.i2l();
            b.lsub();
            b.loadConstant(stored ? (long) lanes : 0L);
            b.lcmp();
            b.iflt(slow);
        }
        bounds(b, s, loop, acc.getFirst(), fail);
        bounds(b, s, loop, acc.getLast(), fail);
        b.goto_(next);
        b.labelBinding(slow);
        for (VectorLoop.Access a : acc) bounds(b, s, loop, a, fail);
        for (int[] p : loop.pairs())
            if (loop.accesses().get(p[0]).array() == acc.getFirst().array()) distance(b, s, loop, p, lanes, fail);
        b.labelBinding(next);
    }

    /** The whole remaining range, index + [0, n - i), inside the array, else the scalar loop throws where Java would. */
    private static void bounds(CodeBuilder b, ScalarCode s, VectorLoop loop, VectorLoop.Access a, Label fail) {
        s.load(a.index());
        b.i2l();
        b.dup2();
        b.lconst_0();
        b.lcmp();
        Label inside = b.newLabel();
        b.ifge(inside);
        b.pop2();
        b.goto_(fail);
        b.labelBinding(inside);
        s.load(loop.bound());
        b.i2l();
        b.ladd();
        s.load(loop.index());
        b.i2l();
        b.lsub();                                  // index + n - i: one past the last element touched
        b.aload(s.arraySlot(a.array()));
        b.invokevirtual(NATIVE_ARRAY, "getSize", fn(CD_int));
        b.i2l();
        b.lcmp();
        b.ifgt(fail);
    }

    /**
     * Two indexes of one array, one stored: distance 0 (the same lane) or at least a vector apart. Both are in
     * [0, size) after their bounds checks, so their int difference d is exact; d + lanes - 1 below 2 lanes - 1
     * (unsigned, so that a wrapped sum counts as large) means |d| < lanes.
     */
    private static void distance(CodeBuilder b, ScalarCode s, VectorLoop loop, int[] p, int lanes, Label fail) {
        Label fine = b.newLabel();
        s.load(loop.accesses().get(p[0]).index());
        s.load(loop.accesses().get(p[1]).index());
        b.isub();
        b.dup();
        b.ifeq(fine);
        b.loadConstant(lanes - 1);
        b.iadd();
        b.loadConstant(2 * lanes - 1);
        b.invokestatic(ClassDesc.of("java.lang.Integer"), "compareUnsigned", fn(CD_int, CD_int, CD_int));
        b.iflt(fail);
        b.iconst_0();
        b.labelBinding(fine);
        b.pop();
    }

    /** Vector instructions on FloatVector values and VectorMask masks (BOOL per lane) held in local slots. */
    private record VectorOps(CodeBuilder b, ScalarCode s, Map<Value.Reg, Integer> slots, Kernel k, VectorLoop loop) {
        private static final MethodTypeDesc VV = fn(FLOAT_VECTOR, VECTOR);

        void emit(Instr x) {
            switch (x) {
                case Instr.Move m -> { value(m.src()); put(m.dst()); }
                case Instr.Binary bin when bin.dst().type() == Type.BOOL -> {
                    mask(bin.a());
                    mask(bin.b());
                    b.invokevirtual(VECTOR_MASK, bin.op().name().toLowerCase(Locale.ROOT), fn(VECTOR_MASK, VECTOR_MASK));
                    put(bin.dst());
                }
                case Instr.Unary u when u.op() == Op.Unary.NOT -> {
                    mask(u.a());
                    not();
                    put(u.dst());
                }
                case Instr.Compare c -> { compare(c); put(c.dst()); }
                case Instr.Select sel -> { // b.blend(a, cond): a where the mask is set
                    vec(sel.b());
                    vec(sel.a());
                    mask(sel.cond());
                    b.invokevirtual(FLOAT_VECTOR, "blend", fn(FLOAT_VECTOR, VECTOR, VECTOR_MASK));
                    put(sel.dst());
                }
                case Instr.Binary bin -> {
                    vec(bin.a());
                    vec(bin.b());
                    b.invokevirtual(FLOAT_VECTOR, bin.op().name().toLowerCase(Locale.ROOT), VV);
                    put(bin.dst());
                }
                case Instr.Unary u -> {
                    vec(u.a());
                    b.invokevirtual(FLOAT_VECTOR, "neg", fn(FLOAT_VECTOR));
                    put(u.dst());
                }
                case Instr.Call c -> { call(c); put(c.dst()); }
                case Instr.Load l -> {
                    species();
                    segment((Param.Array) l.array(), (Value.Reg) l.index());
                    b.invokestatic(FLOAT_VECTOR, "fromMemorySegment", fn(FLOAT_VECTOR, VECTOR_SPECIES, SEGMENT, CD_long, BYTE_ORDER));
                    put(l.dst());
                }
                case Instr.Store st -> {
                    vec(st.value());
                    segment((Param.Array) st.array(), (Value.Reg) st.index());
                    b.invokevirtual(FLOAT_VECTOR, "intoMemorySegment", fn(CD_void, SEGMENT, CD_long, BYTE_ORDER));
                }
                default -> throw k.unsupported("jvm", loop.body(), x + " on vectors");
            }
        }

        private void call(Instr.Call c) {
            List<Value> a = c.args();
            switch (c.fn()) {
                case FMA -> { vec(a.get(0)); vec(a.get(1)); vec(a.get(2)); b.invokevirtual(FLOAT_VECTOR, "fma", fn(FLOAT_VECTOR, VECTOR, VECTOR)); }
                case MIN, MAX -> { vec(a.get(0)); vec(a.get(1)); b.invokevirtual(FLOAT_VECTOR, c.fn().name().toLowerCase(Locale.ROOT), VV); }
                case ISNAN -> {
                    vec(a.get(0));
                    b.getstatic(OPERATORS, "IS_NAN", TEST_OP);
                    b.invokevirtual(FLOAT_VECTOR, "test", fn(VECTOR_MASK, TEST_OP));
                }
                case ABS, SQRT -> { vec(a.get(0)); b.invokevirtual(FLOAT_VECTOR, c.fn().name().toLowerCase(Locale.ROOT), fn(FLOAT_VECTOR)); }
                case EXP, LOG, TANH, SIN, COS -> { vec(a.get(0)); unaryOp(c.fn().name()); }
                case POW, ATAN2 -> {
                    vec(a.get(0));
                    b.getstatic(OPERATORS, c.fn().name(), BINARY_OP);
                    vec(a.get(1));
                    b.invokevirtual(FLOAT_VECTOR, "lanewise", fn(FLOAT_VECTOR, BINARY_OP, VECTOR));
                }
                case SIGMOID -> { // 1 / (1 + exp(-x)), as KernelMath.sigmoid
                    vec(a.get(0));
                    b.invokevirtual(FLOAT_VECTOR, "neg", fn(FLOAT_VECTOR));
                    unaryOp("EXP");
                    b.fconst_1();
                    b.invokevirtual(FLOAT_VECTOR, "add", fn(FLOAT_VECTOR, CD_float));
                    reciprocal();
                }
                case RSQRT -> {
                    vec(a.get(0));
                    b.invokevirtual(FLOAT_VECTOR, "sqrt", fn(FLOAT_VECTOR));
                    reciprocal();
                }
                default -> throw k.unsupported("jvm", loop.body(), c.fn() + " on vectors");
            }
        }

        /**
         * A float comparison with Java's NaN rule: the Vector API's EQ, LT, LE, GT, GE are false and its NE true
         * where a lane is NaN, as Java's ordered tests; an unordered test (true on NaN) is the negation of the ordered
         * opposite, and an ordered NE is LT or GT.
         */
        private void compare(Instr.Compare c) {
            Op.Cond cond = c.cond();
            boolean negate = c.unordered() && cond != Op.Cond.NE;
            if (c.unordered()) cond = switch (cond) {
                case EQ -> Op.Cond.NE; // not (LT or GT), below
                case NE -> Op.Cond.NE;
                case LT -> Op.Cond.GE;
                case LE -> Op.Cond.GT;
                case GT -> Op.Cond.LE;
                case GE -> Op.Cond.LT;
            };
            if (cond == Op.Cond.NE && !(c.unordered() && c.cond() == Op.Cond.NE)) {
                comparison(c, "LT");
                comparison(c, "GT");
                b.invokevirtual(VECTOR_MASK, "or", fn(VECTOR_MASK, VECTOR_MASK));
            } else comparison(c, cond.name());
            if (negate) not();
        }

        /** [] -> [a op b] for one VectorOperators comparison. */
        private void comparison(Instr.Compare c, String op) {
            vec(c.a());
            b.getstatic(OPERATORS, op, COMPARISON);
            vec(c.b());
            b.invokevirtual(FLOAT_VECTOR, "compare", fn(VECTOR_MASK, COMPARISON, VECTOR));
        }

        private void not() { b.invokevirtual(VECTOR_MASK, "not", fn(VECTOR_MASK)); }

        /** [] -> [mask of v]: its slot, or the uniform BOOL as a mask of all lanes. */
        private void mask(Value v) {
            if (v instanceof Value.Reg r && slots.containsKey(r)) {
                b.aload(slots.get(r));
                return;
            }
            species();
            s.load(v);
            b.invokeinterface(VECTOR_SPECIES, "maskAll", fn(VECTOR_MASK, java.lang.constant.ConstantDescs.CD_boolean));
        }

        /** [] -> [v as a vector or a mask, by its type]. */
        private void value(Value v) {
            if (v.type() == Type.BOOL) mask(v);
            else vec(v);
        }

        private void unaryOp(String op) {
            b.getstatic(OPERATORS, op, UNARY_OP);
            b.invokevirtual(FLOAT_VECTOR, "lanewise", fn(FLOAT_VECTOR, UNARY_OP));
        }

        /** [x] -> [1 / x] */
        private void reciprocal() {
            species();
            b.fconst_1();
            b.invokestatic(FLOAT_VECTOR, "broadcast", fn(FLOAT_VECTOR, VECTOR_SPECIES, CD_float));
            b.swap();
            b.invokevirtual(FLOAT_VECTOR, "div", VV);
        }

        /** [] -> [vector of v]: its slot, or the uniform scalar broadcast to every lane. */
        private void vec(Value v) {
            if (v instanceof Value.Reg r && slots.containsKey(r)) {
                b.aload(slots.get(r));
                return;
            }
            if (v.type() != Type.FLOAT) throw k.unsupported("jvm", loop.body(), "broadcast of " + v.type());
            species();
            s.load(v);
            b.invokestatic(FLOAT_VECTOR, "broadcast", fn(FLOAT_VECTOR, VECTOR_SPECIES, CD_float));
        }

        private void put(Value.Reg r) { b.astore(slots.get(r)); }

        private void species() { b.getstatic(FLOAT_VECTOR, "SPECIES_PREFERRED", VECTOR_SPECIES); }

        /** [] -> [segment, byte offset of element index, native order] */
        private void segment(Param.Array a, Value.Reg index) {
            b.aload(s.arraySlot(a));
            b.invokevirtual(NATIVE_ARRAY, "getSegment", fn(SEGMENT));
            s.load(index);
            b.i2l();
            b.iconst_2();
            b.lshl();
            b.invokestatic(BYTE_ORDER, "nativeOrder", fn(BYTE_ORDER));
        }
    }

}
