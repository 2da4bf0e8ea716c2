package org.trm4j.jit.frontend;

import java.lang.classfile.Attributes;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeAnnotation;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.trm4j.jit.ir.ParallelDim;

/**
 * Finds the {@code @Parallel} loop variables of a kernel method. javac writes the type-use annotation
 * into the Code attribute's RuntimeVisibleTypeAnnotations with target LOCAL_VARIABLE (slot + pc range),
 * so no debug info is needed. Each variable gets a grid dimension by nesting depth (the innermost loop x) and
 * a bound read from the loop's compare, which tells the runtime the default grid size.
 */
final class ParallelLoops {
    static final String PARALLEL_DESCRIPTOR = "Lorg/trm4j/api/Parallel;";

    /** One @Parallel variable: live range [start, end), the istore that initialises it, its dimension and bound. */
    record Var(int slot, int start, int end, int initStoreBci, int dim, ParallelDim.Bound bound) {
        boolean covers(int bci) { return bci >= start && bci < end; }
    }

    /** Where a Java parameter lives: its local slot and whether it is an int scalar or an array. */
    record ParamSlot(int javaIndex, int slot, boolean isInt, boolean isArray) {}

    final List<Var> vars = new ArrayList<>();

    static ParallelLoops none() { return new ParallelLoops(); }

    static ParallelLoops find(BytecodeMethod m, List<ParamSlot> params) {
        ParallelLoops p = new ParallelLoops();
        record Range(int slot, int start, int end) {}
        List<Range> ranges = new ArrayList<>();
        m.code.findAttribute(Attributes.runtimeVisibleTypeAnnotations()).ifPresent(attr -> {
            for (TypeAnnotation ta : attr.annotations()) {
                if (!ApiNames.canonicalDescriptor(ta.annotation().classSymbol().descriptorString()).equals(PARALLEL_DESCRIPTOR)) continue;
                if (!(ta.targetInfo() instanceof TypeAnnotation.LocalVarTarget lv)) continue;
                for (TypeAnnotation.LocalVarTargetInfo r : lv.table())
                    ranges.add(new Range(r.index(), m.bciOf(r.startLabel()), m.bciOf(r.endLabel())));
            }
        });
        ranges.sort(Comparator.comparingInt(Range::start));
        for (Range r : ranges) {
            int depth = 0;
            for (Range o : ranges)
                if (o != r && o.start <= r.start && r.end <= o.end && (o.start < r.start || r.end < o.end)) depth++;
            int startIndex = m.insnIndexAt(r.start);
            BytecodeMethod.Insn first = m.insns.get(startIndex);
            if (depth > 2)
                throw m.at(first).error("more than three nested @Parallel loops (grids have three dimensions)");
            if (startIndex == 0 || !(m.insns.get(startIndex - 1).ins() instanceof StoreInstruction st)
                    || st.slot() != r.slot || st.typeKind() != TypeKind.INT)
                throw m.at(first).error("a @Parallel variable must be an int initialised in a for loop header: "
                        + "for (@Parallel int i = start; i < bound; i++)");
            int initBci = m.insns.get(startIndex - 1).bci();
            p.vars.add(new Var(r.slot, r.start, r.end, initBci, depth, classifyBound(m, startIndex, r.slot, params)));
        }
        // The innermost loop, whose index is usually the unit-stride one, takes dimension 0 (x): the fastest
        // varying hardware index, so neighbouring work-items touch neighbouring elements (coalesced on GPUs).
        int deepest = p.vars.stream().mapToInt(Var::dim).max().orElse(0);
        p.vars.replaceAll(v -> new Var(v.slot, v.start, v.end, v.initStoreBci, deepest - v.dim, v.bound));
        return p;
    }

    /** The variable whose initialising store is at {@code bci}, or null. */
    Var initialisedAt(int bci) {
        for (Var v : vars) if (v.initStoreBci == bci) return v;
        return null;
    }

    /** The variable held in {@code slot} whose loop covers {@code bci}, or null. */
    Var inLoop(int slot, int bci) {
        for (Var v : vars) if (v.slot == slot && v.covers(bci)) return v;
        return null;
    }

    /** One ParallelDim per dimension; loops that share a dimension but disagree on the bound give Unknown. */
    List<ParallelDim> dims() {
        Map<Integer, ParallelDim.Bound> byDim = new TreeMap<>();
        for (Var v : vars)
            byDim.merge(v.dim, v.bound, (a, b) -> a.equals(b) ? a : new ParallelDim.Bound.Unknown());
        List<ParallelDim> out = new ArrayList<>();
        byDim.forEach((d, b) -> out.add(new ParallelDim(d, b)));
        return out;
    }

    /**
     * javac tests the condition at the loop top: {@code iload i; <bound>; if_icmpge exit}. The bound is an
     * expression (+ - * /) of int constants, unmodified int parameters and {@code param.getSize()} of unmodified
     * array parameters, which the runtime evaluates on the actual arguments; anything else is Unknown.
     */
    private static ParallelDim.Bound classifyBound(BytecodeMethod m, int startIndex, int slot, List<ParamSlot> params) {
        if (startIndex >= m.insns.size() || !(m.insns.get(startIndex).ins() instanceof LoadInstruction l) || l.slot() != slot) return unknown();
        java.util.ArrayDeque<ParallelDim.Bound> stack = new java.util.ArrayDeque<>();
        for (int i = startIndex + 1; i < Math.min(m.insns.size(), startIndex + 32); i++) {
            Instruction ins = m.insns.get(i).ins();
            Opcode op = ins.opcode();
            if (op == Opcode.IF_ICMPGE || op == Opcode.IF_ICMPLT || op == Opcode.IF_ICMPGT || op == Opcode.IF_ICMPLE) {
                if (stack.size() != 1) return unknown();
                boolean inclusive = op == Opcode.IF_ICMPGT || op == Opcode.IF_ICMPLE;
                ParallelDim.Bound b = stack.pop();
                return inclusive ? new ParallelDim.Bound.Arith('+', b, new ParallelDim.Bound.Constant(1)) : b;
            }
            ParallelDim.Bound operand = operand(m, ins, i, params);
            if (operand != null) {
                stack.push(operand);
                if (ins instanceof LoadInstruction a && a.typeKind() == TypeKind.REFERENCE) i++; // its getSize() call
                continue;
            }
            char arith = switch (op) { case IADD -> '+'; case ISUB -> '-'; case IMUL -> '*'; case IDIV -> '/'; default -> 0; };
            if (arith == 0 || stack.size() < 2) return unknown();
            ParallelDim.Bound right = stack.pop(), left = stack.pop();
            stack.push(new ParallelDim.Bound.Arith(arith, left, right));
        }
        return unknown();
    }

    /** A constant, an unmodified int parameter, or {@code array.getSize()} of an unmodified array parameter; else null. */
    private static ParallelDim.Bound operand(BytecodeMethod m, Instruction ins, int index, List<ParamSlot> params) {
        if (ins instanceof ConstantInstruction c && c.constantValue() instanceof Integer v) return new ParallelDim.Bound.Constant(v);
        if (ins instanceof LoadInstruction p && p.typeKind() == TypeKind.INT)
            for (ParamSlot ps : params)
                if (ps.slot() == p.slot() && ps.isInt() && neverAssigned(m, p.slot())) return new ParallelDim.Bound.ScalarArg(ps.javaIndex());
        if (ins instanceof LoadInstruction a && a.typeKind() == TypeKind.REFERENCE && index + 1 < m.insns.size()
                && m.insns.get(index + 1).ins() instanceof InvokeInstruction inv && inv.opcode() == Opcode.INVOKEVIRTUAL
                && inv.name().equalsString("getSize") && ApiNames.canonical(inv.owner().asInternalName()).startsWith("org/trm4j/api/"))
            for (ParamSlot ps : params)
                if (ps.slot() == a.slot() && ps.isArray() && neverAssigned(m, a.slot())) return new ParallelDim.Bound.ArraySize(ps.javaIndex());
        return null;
    }

    private static ParallelDim.Bound unknown() { return new ParallelDim.Bound.Unknown(); }

    private static boolean neverAssigned(BytecodeMethod m, int slot) {
        for (BytecodeMethod.Insn i : m.insns) {
            if (i.ins() instanceof StoreInstruction s && s.slot() == slot) return false;
            if (i.ins() instanceof IncrementInstruction s && s.slot() == slot) return false;
        }
        return true;
    }
}
