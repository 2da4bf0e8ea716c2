package org.trm4j.jit.frontend;

import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.*;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * Translates one method's bytecode into IR blocks of the kernel; static calls are inlined by a nested
 * translator. Stack entries are kept lazily inside a bytecode block (constants, local registers,
 * temporaries); at a block's end whatever is left on the stack is written to the register of its
 * (depth, type), so every predecessor of a merge writes the same register (the ternary case).
 * Each (local slot, type) pair also has one register. Blocks are translated in reverse postorder,
 * so every merge sees all its forward predecessors before it is translated; back edges are checked.
 */
final class MethodTranslator {

    /** What an inlined call leaves for its caller (null for void); the caller continues in the emitter's current block. */
    record Result(StackEntry value) {}

    private final CompileSession s;
    private final Emitter em;
    private final BytecodeMethod m;
    private final ParallelLoops parallel;
    private final boolean topLevel;
    private final String hintPrefix;
    private final Map<Integer, String> localNames;
    private final Map<String, Value.Reg> localRegs = new HashMap<>();
    private final Map<String, Value.Reg> stackRegs = new HashMap<>();
    private final Set<Value.Reg> stackRegSet = new HashSet<>();
    private final Block[] irBlocks;
    private final Frame[] entryFrames;
    private final boolean[] translated;
    private Block exit;
    private Value.Reg returnReg;
    private Sym returnSym;
    private BytecodeMethod.BasicBlock currentBlock;

    MethodTranslator(CompileSession s, BytecodeMethod m, ParallelLoops parallel, boolean topLevel,
                     Map<Integer, String> localNames) {
        this.s = s;
        this.em = s.em;
        this.m = m;
        this.parallel = parallel;
        this.topLevel = topLevel;
        this.hintPrefix = topLevel ? "" : sanitize(m.methodName) + "_";
        this.localNames = localNames;
        this.irBlocks = new Block[m.blocks.size()];
        this.entryFrames = new Frame[m.blocks.size()];
        this.translated = new boolean[m.blocks.size()];
    }

    /** The register of (slot, type): one per pair, so a slot reused with another type gets another register. */
    Value.Reg localReg(int slot, Type type) {
        return localRegs.computeIfAbsent(slot + ":" + type, k ->
                s.kernel.newReg(type, localNames.getOrDefault(slot, hintPrefix + "v" + slot)));
    }

    private Value.Reg stackReg(int depth, Type type) {
        return stackRegs.computeIfAbsent(depth + ":" + type, k -> {
            Value.Reg r = s.kernel.newReg(type, hintPrefix + "s" + depth);
            stackRegSet.add(r);
            return r;
        });
    }

    /**
     * Emits the method body, starting from the emitter's current block with {@code args} as the
     * initial locals. Afterwards the emitter's current block is where the caller continues
     * (null for the kernel method itself, which ends in Return).
     */
    Result translate(List<StackEntry> args) {
        Frame f = new Frame();
        int slot = 0;
        for (StackEntry a : args) {
            switch (a) {
                case StackEntry.Ref r -> f.refLocals.put(slot, r.sym());
                case StackEntry.Scalar sc -> em.move(localReg(slot, sc.value().type()), sc.value());
                case StackEntry.PendingCompare pc -> throw m.at(0, m.firstLine()).error("internal error: pending compare as argument");
            }
            slot += a.words();
        }
        for (BytecodeMethod.BasicBlock b : m.rpo) {
            Block ir = s.kernel.newBlock();
            ir.origin = m.at(m.insns.get(b.first)).shortForm();
            irBlocks[b.index] = ir;
        }
        if (!topLevel) {
            exit = s.kernel.newBlock();
            exit.origin = "after inlined " + m.className + "." + m.methodName;
            ClassDesc rt = m.type.returnType();
            if (!rt.equals(ConstantDescs.CD_void) && rt.isPrimitive())
                returnReg = s.kernel.newReg(irType(TypeKind.from(rt)), hintPrefix + "ret");
        }
        entryFrames[0] = f.forEntry(m.liveIn[0]);
        em.jump(irBlocks[0]);
        for (BytecodeMethod.BasicBlock b : m.rpo) translateBlock(b);
        if (!m.code.exceptionHandlers().isEmpty()) {
            int bci = m.bciOf(m.code.exceptionHandlers().getFirst().tryStart());
            throw m.at(m.insns.get(m.insnIndexAt(bci))).error(
                    "try/catch/finally and synchronized blocks are not supported in kernels (they need exceptions)");
        }
        if (topLevel) return new Result(null);
        em.cur = exit;
        if (returnReg != null) return new Result(new StackEntry.Scalar(returnReg));
        if (returnSym != null) return new Result(new StackEntry.Ref(returnSym));
        return new Result(null);
    }

    private void translateBlock(BytecodeMethod.BasicBlock b) {
        currentBlock = b;
        translated[b.index] = true;
        em.cur = irBlocks[b.index];
        Frame f = entryFrames[b.index].copy();
        for (int i = b.first; i < b.end; i++) step(m.insns.get(i), f);
        if (em.cur != null) {   // falls through into the next block
            BytecodeMethod.Insn last = m.insns.get(b.end - 1);
            int next = last.bci() + last.ins().sizeInBytes();
            materialize(f);
            em.jump(edge(next, f, m.at(last)));
        }
    }

    /** Records the state flowing along an edge and returns the target's IR block. */
    private Block edge(int targetBci, Frame f, Where w) {
        BytecodeMethod.BasicBlock t = m.blockAt(targetBci);
        Frame in = f.forEntry(m.liveIn[t.index]);
        if (translated[t.index]) {   // a back edge: the loop header was translated with its first state
            Frame.Mismatch bad = entryFrames[t.index].mismatch(in);
            if (bad != null) throw assignmentInLoop(bad.slot(), targetBci, w).error(bad.why());
        } else {
            entryFrames[t.index] = entryFrames[t.index] == null ? in : entryFrames[t.index].merge(in, w);
        }
        return irBlocks[t.index];
    }

    /** The last astore to {@code slot} between a loop header and its back edge (where the user changed it), else the edge. */
    private Where assignmentInLoop(int slot, int headerBci, Where edge) {
        Where found = edge;
        for (BytecodeMethod.Insn i : m.insns)
            if (i.bci() >= headerBci && i.bci() <= edge.bci() && i.ins() instanceof StoreInstruction st && st.slot() == slot)
                found = m.at(i);
        return found;
    }

    /** Writes what is left on the stack to the (depth, type) registers the successor blocks read. */
    private void materialize(Frame f) {
        List<StackEntry> st = f.stack;
        for (int d = 0; d < st.size(); d++)
            if (st.get(d) instanceof StackEntry.PendingCompare pc) st.set(d, new StackEntry.Scalar(em.valueOf(pc, null)));
        // A stack register that moved to another depth (swap, dup_x) must be saved before it is overwritten.
        for (int d = 0; d < st.size(); d++)
            if (st.get(d) instanceof StackEntry.Scalar(Value.Reg r) && stackRegSet.contains(r) && !r.equals(stackReg(d, r.type())))
                st.set(d, new StackEntry.Scalar(em.copy(r)));
        for (int d = 0; d < st.size(); d++) {
            if (st.get(d) instanceof StackEntry.Scalar(Value v)) {
                Value.Reg target = stackReg(d, v.type());
                em.move(target, v);
                st.set(d, new StackEntry.Scalar(target));
            }
        }
    }

    // ---------------------------------------------------------------- instructions

    private void step(BytecodeMethod.Insn insn, Frame f) {
        Where w = m.at(insn);
        Instruction ins = insn.ins();
        switch (ins) {
            case LoadInstruction l -> load(l, f, w);
            case StoreInstruction st -> store(st, f, w);
            case IncrementInstruction inc -> increment(inc, f, w);
            case ConstantInstruction c -> constant(c, f, w);
            case OperatorInstruction o -> operator(o, f, w);
            case ConvertInstruction c -> convert(c, f, w);
            case StackInstruction st -> stackOp(st.opcode(), f, w);
            case BranchInstruction b -> branch(b, insn, f, w);
            case TableSwitchInstruction t -> switchOp(t.cases(), t.defaultTarget(), f, w);
            case LookupSwitchInstruction t -> switchOp(t.cases(), t.defaultTarget(), f, w);
            case ReturnInstruction r -> ret(r, f, w);
            case InvokeInstruction inv -> Invocations.invoke(s, inv, f, w);
            case FieldInstruction fi -> Invocations.field(s, fi, f, w);
            case NopInstruction n -> {}
            case TypeCheckInstruction tc -> {
                if (tc.opcode() == Opcode.INSTANCEOF)
                    throw w.error("instanceof is not supported in kernels (objects cannot be used)");
                StackEntry e = pop(f);
                if (!(e instanceof StackEntry.Ref)) throw w.error("internal error: checkcast of a primitive");
                f.stack.add(e);   // casting a known array to its own type changes nothing
            }
            case NewObjectInstruction n when ApiNames.vector(n.className().asInternalName()) != null ->
                    f.stack.add(new StackEntry.Ref(new Sym.NewVec(insn.bci(), n.className().asInternalName())));
            case NewObjectInstruction n when ApiNames.canonical(n.className().asInternalName()).equals(ApiCalls.HALF_FLOAT) ->
                    f.stack.add(new StackEntry.Ref(new Sym.NewHalf(insn.bci())));
            case NewObjectInstruction n -> {
                if (blockThrows(insn))
                    throw w.error("throwing exceptions is not supported in kernels ('throw new "
                            + n.className().asInternalName() + "')");
                throw w.error("object allocation 'new " + n.className().asInternalName() + "' is not supported in kernels");
            }
            case NewPrimitiveArrayInstruction n -> throw javaArrays(w, "allocating a Java array 'new " + n.typeKind().name().toLowerCase() + "[]'");
            case NewReferenceArrayInstruction n -> throw javaArrays(w, "allocating a Java array 'new " + n.componentType().asInternalName() + "[]'");
            case NewMultiArrayInstruction n -> throw javaArrays(w, "allocating a multi-dimensional Java array");
            case ArrayLoadInstruction a -> {
                StackEntry index = pop(f), ref = pop(f);
                f.stack.add(ApiCalls.javaArrayLoad(s, w, a.typeKind(), ref, index));
            }
            case ArrayStoreInstruction a -> {
                StackEntry value = pop(f), index = pop(f), ref = pop(f);
                ApiCalls.javaArrayStore(s, w, a.typeKind(), ref, index, value);
            }
            case ThrowInstruction t -> throw w.error("throwing exceptions (athrow) is not supported in kernels"
                    + " (javac also emits athrow for assert statements)");
            case MonitorInstruction mi -> throw w.error("synchronized (" + mi.opcode().name().toLowerCase() + ") is not supported in kernels");
            case InvokeDynamicInstruction d -> throw w.error("invokedynamic (a lambda, method reference or string concatenation, '"
                    + d.name().stringValue() + "') is not supported in kernels");
            default -> throw w.error("bytecode " + ins.opcode().name().toLowerCase() + " is not supported in kernels");
        }
    }

    private boolean blockThrows(BytecodeMethod.Insn insn) {
        return m.insns.get(currentBlock.end - 1).ins() instanceof ThrowInstruction;
    }

    private static KernelCompileException javaArrays(Where w, String what) {
        return w.error(what + " is not supported in kernels: kernels cannot allocate arrays; pass one in (use FloatArray, IntArray, DoubleArray,"
                + " LongArray, ByteArray or float[], int[], double[], long[], byte[]) or use KernelContext's local arrays");
    }

    private void load(LoadInstruction l, Frame f, Where w) {
        if (l.typeKind() == TypeKind.REFERENCE) {
            Sym sym = f.refLocals.get(l.slot());
            if (sym == null) throw w.error("internal error: reference in local slot " + l.slot() + " is not a kernel array or KernelContext");
            if (sym instanceof Sym.Conflict c) throw w.error(c.why());
            f.stack.add(new StackEntry.Ref(sym));
        } else {
            f.stack.add(new StackEntry.Scalar(localReg(l.slot(), irType(l.typeKind()))));
        }
    }

    private void store(StoreInstruction st, Frame f, Where w) {
        StackEntry e = pop(f);
        if (st.typeKind() == TypeKind.REFERENCE) {
            if (!(e instanceof StackEntry.Ref r)) throw w.error("internal error: astore of a primitive");
            f.refLocals.put(st.slot(), r.sym());
            return;
        }
        Value v = em.valueOf(e, w);
        Value.Reg local = localReg(st.slot(), irType(st.typeKind()));
        spillReaders(f, local);
        em.move(local, v);
        ParallelLoops.Var pv = parallel.initialisedAt(w.bci());
        if (pv != null) {
            // Grid-stride loop: each work-item starts at init + global_id(dim).
            em.emit(new Instr.Binary(local, Op.Binary.ADD, local, em.thread(Op.ThreadQuery.GLOBAL_ID, pv.dim())));
        } else if (parallel.inLoop(st.slot(), w.bci()) != null) {
            throw w.error("a @Parallel loop variable must not be assigned in the loop; it may only step by +1 (i++)");
        }
    }

    private void increment(IncrementInstruction inc, Frame f, Where w) {
        Value.Reg local = localReg(inc.slot(), Type.INT);
        spillReaders(f, local);
        ParallelLoops.Var pv = parallel.inLoop(inc.slot(), w.bci());
        if (pv != null) {
            if (inc.constant() != 1)
                throw w.error("a @Parallel loop must step by +1 (i++), found a step of " + inc.constant());
            em.emit(new Instr.Binary(local, Op.Binary.ADD, local, em.thread(Op.ThreadQuery.GLOBAL_SIZE, pv.dim())));
        } else {
            em.emit(new Instr.Binary(local, Op.Binary.ADD, local, Value.Const.i32(inc.constant())));
        }
    }

    /** Stack entries that read {@code local} lazily keep the old value when the local is overwritten. */
    private void spillReaders(Frame f, Value.Reg local) {
        for (int d = 0; d < f.stack.size(); d++) {
            StackEntry e = f.stack.get(d);
            if (e instanceof StackEntry.Scalar(Value v) && v.equals(local))
                f.stack.set(d, new StackEntry.Scalar(em.copy(local)));
            else if (e instanceof StackEntry.PendingCompare pc && (pc.a().equals(local) || pc.b().equals(local)))
                f.stack.set(d, new StackEntry.PendingCompare(
                        pc.a().equals(local) ? em.copy(local) : pc.a(), pc.b().equals(local) ? em.copy(local) : pc.b(), pc.nanResult()));
        }
    }

    private void constant(ConstantInstruction c, Frame f, Where w) {
        if (c.opcode() == Opcode.ACONST_NULL) throw w.error("null references are not supported in kernels");
        Value v = switch (c.constantValue()) {
            case Integer i -> Value.Const.i32(i);
            case Long l -> Value.Const.i64(l);
            case Float x -> Value.Const.f32(x);
            case Double x -> Value.Const.f64(x);
            case String str -> throw w.error("strings are not supported in kernels (constant \"" + str + "\")");
            case null, default -> throw w.error("constant " + c.constantValue() + " is not supported in kernels");
        };
        f.stack.add(new StackEntry.Scalar(v));
    }

    private void operator(OperatorInstruction o, Frame f, Where w) {
        Opcode op = o.opcode();
        switch (op) {
            case IADD, LADD, FADD, DADD -> binary(Op.Binary.ADD, f, w);
            case ISUB, LSUB, FSUB, DSUB -> binary(Op.Binary.SUB, f, w);
            case IMUL, LMUL, FMUL, DMUL -> binary(Op.Binary.MUL, f, w);
            case IDIV, LDIV, FDIV, DDIV -> binary(Op.Binary.DIV, f, w);
            case IREM, LREM, FREM, DREM -> binary(Op.Binary.REM, f, w);
            case ISHL, LSHL -> binary(Op.Binary.SHL, f, w);
            case ISHR, LSHR -> binary(Op.Binary.SHR, f, w);
            case IUSHR, LUSHR -> binary(Op.Binary.USHR, f, w);
            case IAND, LAND -> binary(Op.Binary.AND, f, w);
            case IOR, LOR -> binary(Op.Binary.OR, f, w);
            case IXOR, LXOR -> binary(Op.Binary.XOR, f, w);
            case INEG, LNEG, FNEG, DNEG -> f.stack.add(new StackEntry.Scalar(em.unary(Op.Unary.NEG, em.valueOf(pop(f), w))));
            case LCMP, FCMPL, DCMPL, FCMPG, DCMPG -> {
                Value b = em.valueOf(pop(f), w), a = em.valueOf(pop(f), w);
                int nan = op == Opcode.LCMP ? 0 : (op == Opcode.FCMPL || op == Opcode.DCMPL) ? -1 : 1;
                f.stack.add(new StackEntry.PendingCompare(a, b, nan));
            }
            case ARRAYLENGTH -> f.stack.add(ApiCalls.javaArrayLength(s, w, pop(f)));
            default -> throw w.error("bytecode " + op.name().toLowerCase() + " is not supported in kernels");
        }
    }

    private void binary(Op.Binary op, Frame f, Where w) {
        Value b = em.valueOf(pop(f), w), a = em.valueOf(pop(f), w);
        f.stack.add(new StackEntry.Scalar(em.binary(op, a, b)));
    }

    private void convert(ConvertInstruction c, Frame f, Where w) {
        Value v = em.valueOf(pop(f), w);
        Value r = switch (c.toType()) {
            // int -> byte/short/char stay INT registers: sign-extend with shifts, zero-extend with a mask.
            case BYTE -> em.binary(Op.Binary.SHR, em.binary(Op.Binary.SHL, v, Value.Const.i32(24)), Value.Const.i32(24));
            case SHORT -> em.binary(Op.Binary.SHR, em.binary(Op.Binary.SHL, v, Value.Const.i32(16)), Value.Const.i32(16));
            case CHAR -> em.binary(Op.Binary.AND, v, Value.Const.i32(0xFFFF));
            default -> em.convert(irType(c.toType()), v);
        };
        f.stack.add(new StackEntry.Scalar(r));
    }

    /** dup/pop/swap family, by JVM stack words (a long or double is one entry of two words). */
    private void stackOp(Opcode op, Frame f, Where w) {
        switch (op) {
            case POP -> popWords(f, 1, w);
            case POP2 -> popWords(f, 2, w);
            case DUP -> dupX(f, 1, 0, w);
            case DUP_X1 -> dupX(f, 1, 1, w);
            case DUP_X2 -> dupX(f, 1, 2, w);
            case DUP2 -> dupX(f, 2, 0, w);
            case DUP2_X1 -> dupX(f, 2, 1, w);
            case DUP2_X2 -> dupX(f, 2, 2, w);
            case SWAP -> {
                StackEntry a = pop(f), b = pop(f);
                f.stack.add(a);
                f.stack.add(b);
            }
            default -> throw w.error("bytecode " + op.name().toLowerCase() + " is not supported in kernels");
        }
    }

    private List<StackEntry> popWords(Frame f, int words, Where w) {
        List<StackEntry> out = new ArrayList<>();
        int n = 0;
        while (n < words) {
            StackEntry e = pop(f);
            n += e.words();
            out.addFirst(e);
        }
        if (n != words) throw w.error("internal error: stack operation splits a long or double");
        return out;
    }

    private void dupX(Frame f, int dupWords, int skipWords, Where w) {
        List<StackEntry> top = popWords(f, dupWords, w);
        List<StackEntry> skipped = skipWords == 0 ? List.of() : popWords(f, skipWords, w);
        f.stack.addAll(top);
        f.stack.addAll(skipped);
        f.stack.addAll(top);
    }

    private void branch(BranchInstruction b, BytecodeMethod.Insn insn, Frame f, Where w) {
        Opcode op = b.opcode();
        int target = m.bciOf(b.target());
        if (op == Opcode.GOTO || op == Opcode.GOTO_W) {
            materialize(f);
            em.jump(edge(target, f, w));
            return;
        }
        Value.Reg cond = switch (op) {
            case IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE -> {
                Op.Cond c = condOf(op);
                StackEntry e = pop(f);
                if (e instanceof StackEntry.PendingCompare pc) {
                    // fcmpl/fcmpg push -1/+1 for NaN: the branch is taken on NaN iff (nanResult cond 0) holds.
                    boolean unordered = pc.a().type().isFloating() && holds(c, pc.nanResult());
                    yield em.compare(c, pc.a(), pc.b(), unordered);
                }
                yield em.compare(c, em.valueOf(e, w), Value.Const.i32(0), false);
            }
            case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE -> {
                Value bb = em.valueOf(pop(f), w), a = em.valueOf(pop(f), w);
                yield em.compare(condOf(op), a, bb, false);
            }
            case IF_ACMPEQ, IF_ACMPNE -> throw w.error("comparing references (==, !=) is not supported in kernels");
            case IFNULL, IFNONNULL -> throw w.error("null checks are not supported in kernels (references are never null)");
            default -> throw w.error("bytecode " + op.name().toLowerCase() + " is not supported in kernels");
        };
        materialize(f);
        Block taken = edge(target, f, w);
        Block fallThrough = edge(insn.bci() + b.sizeInBytes(), f, w);
        em.branch(cond, taken, fallThrough);
    }

    private static Op.Cond condOf(Opcode op) {
        return switch (op) {
            case IFEQ, IF_ICMPEQ -> Op.Cond.EQ;
            case IFNE, IF_ICMPNE -> Op.Cond.NE;
            case IFLT, IF_ICMPLT -> Op.Cond.LT;
            case IFGE, IF_ICMPGE -> Op.Cond.GE;
            case IFGT, IF_ICMPGT -> Op.Cond.GT;
            case IFLE, IF_ICMPLE -> Op.Cond.LE;
            default -> throw new IllegalArgumentException(op.name());
        };
    }

    private static boolean holds(Op.Cond c, int v) {
        return switch (c) {
            case EQ -> v == 0; case NE -> v != 0; case LT -> v < 0; case GE -> v >= 0; case GT -> v > 0; case LE -> v <= 0;
        };
    }

    /** tableswitch/lookupswitch as a chain of equality tests (kernels rarely switch over many values). */
    private void switchOp(List<SwitchCase> cases, java.lang.classfile.Label defaultTarget, Frame f, Where w) {
        Value key = em.valueOf(pop(f), w);
        if (key instanceof Value.Reg r && stackRegSet.contains(r)) key = em.copy(r);   // materialize may overwrite it
        materialize(f);
        for (SwitchCase c : cases) {
            Value.Reg eq = em.compare(Op.Cond.EQ, key, Value.Const.i32(c.caseValue()), false);
            Block target = edge(m.bciOf(c.target()), f, w);
            Block next = s.kernel.newBlock();
            next.origin = w.shortForm() + " (switch)";
            em.branch(eq, target, next);
            em.cur = next;
        }
        em.jump(edge(m.bciOf(defaultTarget), f, w));
    }

    private void ret(ReturnInstruction r, Frame f, Where w) {
        if (topLevel) {
            if (r.typeKind() != TypeKind.VOID) throw w.error("internal error: kernel returns a value");
            em.terminate(new Terminator.Return());
            return;
        }
        if (r.typeKind() == TypeKind.REFERENCE) {
            if (!(pop(f) instanceof StackEntry.Ref ref)) throw w.error("internal error: areturn of a primitive");
            if (ref.sym() instanceof Sym.Conflict c) throw w.error(c.why());
            if (returnSym != null && !returnSym.equals(ref.sym()))
                throw w.error("a method called from a kernel must return the same array on every path");
            returnSym = ref.sym();
        } else if (r.typeKind() != TypeKind.VOID) {
            em.move(returnReg, em.valueOf(pop(f), w));
        }
        em.jump(exit);
    }

    // ---------------------------------------------------------------- helpers

    static StackEntry pop(Frame f) {
        if (f.stack.isEmpty()) throw new IllegalStateException("internal error: operand stack underflow");
        return f.stack.removeLast();
    }

    static Type irType(TypeKind k) {
        return switch (k) {
            case INT, BOOLEAN, BYTE, SHORT, CHAR -> Type.INT;
            case LONG -> Type.LONG;
            case FLOAT -> Type.FLOAT;
            case DOUBLE -> Type.DOUBLE;
            default -> throw new IllegalArgumentException("not a primitive: " + k);
        };
    }

    static String sanitize(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) b.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
        return b.toString();
    }
}
