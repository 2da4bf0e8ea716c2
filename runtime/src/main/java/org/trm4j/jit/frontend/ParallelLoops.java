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
 * so no debug info is needed. Each variable gets a grid dimension by nesting depth and a bound class
 * read from the loop's compare, which tells the runtime the default grid size.
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
     * javac tests the condition at the loop top: {@code iload i; <bound>; if_icmpge exit}. The bound
     * is a constant, an unmodified int parameter, {@code param.getSize()} of an unmodified array
     * parameter, or something else (Unknown).
     */
    private static ParallelDim.Bound classifyBound(BytecodeMethod m, int startIndex, int slot, List<ParamSlot> params) {
        List<Instruction> seq = new ArrayList<>();
        for (int i = startIndex; i < Math.min(m.insns.size(), startIndex + 4); i++) seq.add(m.insns.get(i).ins());
        if (seq.size() < 3 || !(seq.get(0) instanceof LoadInstruction l) || l.slot() != slot) return unknown();
        Instruction cmp = null;
        List<Instruction> bound = new ArrayList<>();
        for (int i = 1; i < seq.size(); i++) {
            Opcode op = seq.get(i).opcode();
            if (op == Opcode.IF_ICMPGE || op == Opcode.IF_ICMPLT || op == Opcode.IF_ICMPGT || op == Opcode.IF_ICMPLE) {
                cmp = seq.get(i);
                break;
            }
            bound.add(seq.get(i));
        }
        if (cmp == null) return unknown();
        boolean inclusive = cmp.opcode() == Opcode.IF_ICMPGT || cmp.opcode() == Opcode.IF_ICMPLE;
        if (bound.size() == 1 && bound.get(0) instanceof ConstantInstruction c && c.constantValue() instanceof Integer v)
            return new ParallelDim.Bound.Constant(inclusive ? v + 1 : v);
        if (inclusive) return unknown();
        if (bound.size() == 1 && bound.get(0) instanceof LoadInstruction p && p.typeKind() == TypeKind.INT) {
            for (ParamSlot ps : params)
                if (ps.slot() == p.slot() && ps.isInt() && neverAssigned(m, p.slot()))
                    return new ParallelDim.Bound.ScalarArg(ps.javaIndex());
        }
        if (bound.size() == 2 && bound.get(0) instanceof LoadInstruction a && a.typeKind() == TypeKind.REFERENCE
                && bound.get(1) instanceof InvokeInstruction inv && inv.opcode() == Opcode.INVOKEVIRTUAL
                && inv.name().equalsString("getSize") && ApiNames.canonical(inv.owner().asInternalName()).startsWith("org/trm4j/api/")) {
            for (ParamSlot ps : params)
                if (ps.slot() == a.slot() && ps.isArray() && neverAssigned(m, a.slot()))
                    return new ParallelDim.Bound.ArraySize(ps.javaIndex());
        }
        return unknown();
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
