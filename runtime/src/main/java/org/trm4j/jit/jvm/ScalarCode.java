package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.util.HashMap;
import java.util.Map;

import static org.trm4j.jit.jvm.JvmNames.*;

/**
 * One IR instruction as JVM bytecode, computed as Java itself would: every IR operator has Java
 * semantics, so each is the bytecode javac would emit (intrinsics call the same {@code KernelMath}/{@code Math}
 * methods the kernel called, array accesses the arrays' own checked {@code get}/{@code set}). Registers live in
 * local slots of the method being built; {@link #slotOf} and {@link #arraySlot} say where.
 */
final class ScalarCode {
    final Kernel k;
    final CodeBuilder b;
    private final int[] regSlot;
    private final Map<Param.Array, Integer> arraySlots = new HashMap<>();
    private int nextSlot;
    /** GLOBAL_ID and GLOBAL_SIZE slots per dimension, or -1 where this method has none. */
    final int[] gid = {-1, -1, -1}, gsize = {-1, -1, -1};

    ScalarCode(Kernel k, CodeBuilder b, int firstFreeSlot) {
        this.k = k;
        this.b = b;
        this.regSlot = new int[k.regs.size()];
        java.util.Arrays.fill(regSlot, -1);
        this.nextSlot = firstFreeSlot;
    }

    int newSlot(int size) {
        int s = nextSlot;
        nextSlot += size;
        return s;
    }

    void bindArray(Param.Array a, int slot) { arraySlots.put(a, slot); }

    void bindReg(Value.Reg r, int slot) { regSlot[r.id()] = slot; }

    int slotOf(Value.Reg r) {
        int s = regSlot[r.id()];
        if (s < 0) regSlot[r.id()] = s = newSlot(size(r.type()));
        return s;
    }

    int arraySlot(Param.Array a) {
        Integer s = arraySlots.get(a);
        if (s == null) throw new IllegalStateException("array " + a.name() + " has no slot");
        return s;
    }

    static int size(Type t) { return t == Type.LONG || t == Type.DOUBLE ? 2 : 1; }

    void load(Value v) {
        switch (v) {
            case Value.Const c -> {
                if (c.type() == Type.BOOL) b.loadConstant((Boolean) c.value() ? 1 : 0);
                else b.loadConstant((java.lang.constant.ConstantDesc) c.value());
            }
            case Value.Reg r -> b.loadLocal(kind(r.type()), slotOf(r));
        }
    }

    void store(Value.Reg r) { b.storeLocal(kind(r.type()), slotOf(r)); }

    /** Zero in every register's slot: the verifier wants each local assigned on every path before it is read. */
    void zeroRegisters() {
        for (Value.Reg r : k.regs) {
            switch (kind(r.type())) {
                case INT -> b.iconst_0();
                case LONG -> b.lconst_0();
                case FLOAT -> b.fconst_0();
                case DOUBLE -> b.dconst_0();
                default -> throw new IllegalStateException();
            }
            store(r);
        }
    }

    void emit(Instr instr, Block at) {
        switch (instr) {
            case Instr.Move m -> { load(m.src()); store(m.dst()); }
            case Instr.Binary x -> { load(x.a()); load(x.b()); binary(x.op(), x.dst().type(), at); store(x.dst()); }
            case Instr.Unary u -> {
                load(u.a());
                if (u.op() == Op.Unary.NOT) { b.iconst_1(); b.ixor(); }
                else switch (kind(u.a().type())) {
                    case INT -> b.ineg();
                    case LONG -> b.lneg();
                    case FLOAT -> b.fneg();
                    case DOUBLE -> b.dneg();
                    default -> throw k.unsupported("jvm", at, "negation of " + u.a().type());
                }
                store(u.dst());
            }
            case Instr.Convert c -> { load(c.src()); convert(c.src().type(), c.dst().type(), at); store(c.dst()); }
            case Instr.Bitcast c -> {
                load(c.src());
                switch (c.dst().type()) {
                    case FLOAT -> b.invokestatic(FLOAT, "intBitsToFloat", fn(ConstantDescs.CD_float, ConstantDescs.CD_int));
                    case INT -> b.invokestatic(FLOAT, "floatToRawIntBits", fn(ConstantDescs.CD_int, ConstantDescs.CD_float));
                    case DOUBLE -> b.invokestatic(DOUBLE, "longBitsToDouble", fn(ConstantDescs.CD_double, ConstantDescs.CD_long));
                    case LONG -> b.invokestatic(DOUBLE, "doubleToRawLongBits", fn(ConstantDescs.CD_long, ConstantDescs.CD_double));
                    default -> throw k.unsupported("jvm", at, "bitcast to " + c.dst().type());
                }
                store(c.dst());
            }
            case Instr.Compare c -> { compare(c, at); store(c.dst()); }
            case Instr.Select s -> {
                Label other = b.newLabel(), done = b.newLabel();
                load(s.cond());
                b.ifeq(other);
                load(s.a());
                store(s.dst());
                b.goto_(done);
                b.labelBinding(other);
                load(s.b());
                store(s.dst());
                b.labelBinding(done);
            }
            case Instr.Call c -> { for (Value v : c.args()) load(v); call(c.fn(), c.dst().type(), c.args().getFirst().type(), at); store(c.dst()); }
            case Instr.Load l -> {
                Param.Array a = global(l.array(), at);
                b.aload(arraySlot(a));
                load(l.index());
                Type t = a.elementType();
                if (t == Type.HALF) b.invokevirtual(arrayClass(t), "getFloat", fn(ConstantDescs.CD_float, ConstantDescs.CD_int));
                else b.invokevirtual(arrayClass(t), "get", fn(elementDesc(t), ConstantDescs.CD_int));
                store(l.dst());
            }
            case Instr.Store s -> {
                Param.Array a = global(s.array(), at);
                b.aload(arraySlot(a));
                load(s.index());
                load(s.value());
                Type t = a.elementType();
                switch (t) {
                    case BYTE -> b.i2b();
                    case SHORT -> b.i2s();
                    case CHAR -> b.i2c();
                    default -> {}
                }
                if (t == Type.HALF) b.invokevirtual(arrayClass(t), "setFloat", fn(ConstantDescs.CD_void, ConstantDescs.CD_int, ConstantDescs.CD_float));
                else b.invokevirtual(arrayClass(t), "set", fn(ConstantDescs.CD_void, ConstantDescs.CD_int, elementDesc(t)));
            }
            case Instr.ArrayLength a -> {
                b.aload(arraySlot(a.array()));
                b.invokevirtual(NATIVE_ARRAY, "getSize", fn(ConstantDescs.CD_int));
                store(a.dst());
            }
            case Instr.Thread t -> {
                int slot = switch (t.query()) {
                    case GLOBAL_ID -> gid[t.dim()];
                    case GLOBAL_SIZE -> gsize[t.dim()];
                    default -> -1;
                };
                if (slot < 0) throw k.unsupported("jvm", at, "work-item query " + t.query() + " (a KernelContext kernel)");
                b.iload(slot);
                store(t.dst());
            }
            case Instr.Barrier x -> throw k.unsupported("jvm", at, "barrier (a KernelContext kernel)");
            case Instr.AtomicAdd x -> throw k.unsupported("jvm", at, "atomicAdd");
        }
    }

    private Param.Array global(org.trm4j.jit.ir.ArrayRef a, Block at) {
        if (a instanceof Param.Array p) return p;
        throw k.unsupported("jvm", at, "local array " + a.name() + " (a KernelContext kernel)");
    }

    private void binary(Op.Binary op, Type t, Block at) {
        KindOpcodes ops = switch (kind(t)) {
            case INT -> new KindOpcodes(Opcode.IADD, Opcode.ISUB, Opcode.IMUL, Opcode.IDIV, Opcode.IREM, Opcode.IAND, Opcode.IOR, Opcode.IXOR, Opcode.ISHL, Opcode.ISHR, Opcode.IUSHR);
            case LONG -> new KindOpcodes(Opcode.LADD, Opcode.LSUB, Opcode.LMUL, Opcode.LDIV, Opcode.LREM, Opcode.LAND, Opcode.LOR, Opcode.LXOR, Opcode.LSHL, Opcode.LSHR, Opcode.LUSHR);
            case FLOAT -> new KindOpcodes(Opcode.FADD, Opcode.FSUB, Opcode.FMUL, Opcode.FDIV, Opcode.FREM, null, null, null, null, null, null);
            case DOUBLE -> new KindOpcodes(Opcode.DADD, Opcode.DSUB, Opcode.DMUL, Opcode.DDIV, Opcode.DREM, null, null, null, null, null, null);
            default -> throw k.unsupported("jvm", at, op + " on " + t);
        };
        Opcode o = ops.of(op);
        if (o == null) throw k.unsupported("jvm", at, op + " on " + t);
        b.with(java.lang.classfile.instruction.OperatorInstruction.of(o));
    }

    /** The binary opcodes of one JVM value kind (null where the kind has none, e.g. shifts of floats). */
    private record KindOpcodes(Opcode add, Opcode sub, Opcode mul, Opcode div, Opcode rem, Opcode and, Opcode or, Opcode xor,
                               Opcode shl, Opcode shr, Opcode ushr) {
        Opcode of(Op.Binary op) {
            return switch (op) {
                case ADD -> add; case SUB -> sub; case MUL -> mul; case DIV -> div; case REM -> rem;
                case AND -> and; case OR -> or; case XOR -> xor; case SHL -> shl; case SHR -> shr; case USHR -> ushr;
            };
        }
    }

    private void convert(Type from, Type to, Block at) {
        var f = kind(from);
        var narrow = to == Type.BYTE || to == Type.SHORT || to == Type.CHAR;
        var t = narrow ? java.lang.classfile.TypeKind.INT : kind(to);
        if (f != t) b.conversion(f, t);
        switch (to) {
            case BYTE -> b.i2b();
            case SHORT -> b.i2s();
            case CHAR -> b.i2c();
            case BOOL -> throw k.unsupported("jvm", at, "conversion to BOOL");
            default -> {}
        }
    }

    /**
     * A comparison as 0/1. Floating operands go through fcmpl/fcmpg (dcmpl/dcmpg) chosen so that NaN lands on the
     * {@code unordered} side, as javac picks them; EQ and NE get an explicit NaN test when their flag asks for the
     * unusual side.
     */
    private void compare(Instr.Compare c, Block at) {
        Type t = c.a().type();
        Label yes = b.newLabel(), done = b.newLabel();
        load(c.a());
        load(c.b());
        Op.Cond cond = c.cond();
        switch (kind(t)) {
            case INT -> { b.branch(intCompare(cond), yes); }
            case LONG -> { b.lcmp(); b.branch(zeroCompare(cond), yes); }
            case FLOAT, DOUBLE -> {
                boolean dbl = kind(t) == java.lang.classfile.TypeKind.DOUBLE;
                // NaN gives +1 with *cmpg and -1 with *cmpl: pick the one whose NaN result makes the test come out as `unordered`.
                boolean g = switch (cond) {
                    case LT, LE -> !c.unordered();
                    case GT, GE -> c.unordered();
                    case EQ, NE -> false; // NaN gives -1 (never 0): EQ false, NE true
                };
                if (dbl) { if (g) b.dcmpg(); else b.dcmpl(); } else { if (g) b.fcmpg(); else b.fcmpl(); }
                b.branch(zeroCompare(cond), yes);
                boolean nanResult = cond == Op.Cond.NE;
                if (nanResult != c.unordered() && (cond == Op.Cond.EQ || cond == Op.Cond.NE)) {
                    // EQ true on NaN, or NE false on NaN: fix the NaN case explicitly.
                    b.iconst_0();
                    b.goto_(done);
                    b.labelBinding(yes);
                    b.iconst_1();
                    b.labelBinding(done);
                    Label nan = b.newLabel(), end = b.newLabel();
                    load(c.a()); isNaN(t); load(c.b()); isNaN(t); b.ior();
                    b.ifne(nan);
                    b.goto_(end);
                    b.labelBinding(nan);
                    b.pop();
                    b.loadConstant(c.unordered() ? 1 : 0);
                    b.labelBinding(end);
                    return;
                }
            }
            default -> throw k.unsupported("jvm", at, "comparison of " + t);
        }
        b.iconst_0();
        b.goto_(done);
        b.labelBinding(yes);
        b.iconst_1();
        b.labelBinding(done);
    }

    private void isNaN(Type t) {
        if (t == Type.DOUBLE) b.invokestatic(DOUBLE, "isNaN", fn(ConstantDescs.CD_boolean, ConstantDescs.CD_double));
        else b.invokestatic(FLOAT, "isNaN", fn(ConstantDescs.CD_boolean, ConstantDescs.CD_float));
    }

    private static Opcode intCompare(Op.Cond c) {
        return switch (c) {
            case EQ -> Opcode.IF_ICMPEQ; case NE -> Opcode.IF_ICMPNE; case LT -> Opcode.IF_ICMPLT;
            case LE -> Opcode.IF_ICMPLE; case GT -> Opcode.IF_ICMPGT; case GE -> Opcode.IF_ICMPGE;
        };
    }

    private static Opcode zeroCompare(Op.Cond c) {
        return switch (c) {
            case EQ -> Opcode.IFEQ; case NE -> Opcode.IFNE; case LT -> Opcode.IFLT;
            case LE -> Opcode.IFLE; case GT -> Opcode.IFGT; case GE -> Opcode.IFGE;
        };
    }

    /** The intrinsic as the method the kernel called: KernelMath's float versions, Math's double and integer ones. */
    private void call(Op.Intrinsic fn, Type ret, Type arg, Block at) {
        if (fn == Op.Intrinsic.ISNAN) { isNaN(arg); return; }
        ClassDesc t = regDesc(ret);
        ClassDesc[] params = new ClassDesc[fn.arity];
        java.util.Arrays.fill(params, t);
        boolean kernelMath = ret == Type.FLOAT || fn == Op.Intrinsic.RSQRT || fn == Op.Intrinsic.SIGMOID;
        if (!ret.isFloating() && fn != Op.Intrinsic.ABS && fn != Op.Intrinsic.MIN && fn != Op.Intrinsic.MAX)
            throw k.unsupported("jvm", at, fn + " on " + ret);
        b.invokestatic(kernelMath ? KERNEL_MATH : MATH, fn.name().toLowerCase(java.util.Locale.ROOT), fn(t, params));
    }
}
