package org.trm4j.jit.frontend;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.attribute.SourceFileAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.constant.MethodTypeDesc;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One method's bytecode, prepared for translation: instructions with their offsets and source
 * lines, basic blocks with successors, a reverse postorder, and which local slots are live at
 * each block entry (so that stale references in reused slots never cause false conflicts).
 */
final class BytecodeMethod {

    /** An instruction at a bytecode offset, with its source line (-1 when unknown). */
    record Insn(int bci, Instruction ins, int line) {}

    /** Instructions [first, end) of {@link #insns}; successors are block indices. */
    static final class BasicBlock {
        final int index, first, end;
        final List<Integer> succs = new ArrayList<>();
        BasicBlock(int index, int first, int end) { this.index = index; this.first = first; this.end = end; }
    }

    final ClassModel owner;
    final MethodModel method;
    final CodeAttribute code;
    /** Binary name without package, e.g. "Kernels" or "Outer$Kernels". */
    final String className;
    final String methodName;
    final MethodTypeDesc type;
    final String sourceFile;
    final List<Insn> insns = new ArrayList<>();
    final List<BasicBlock> blocks = new ArrayList<>();
    /** Reachable blocks in reverse postorder: every block but the first has a predecessor before it. */
    final List<BasicBlock> rpo = new ArrayList<>();
    final BitSet[] liveIn;
    private final Map<Integer, Integer> insnAtBci = new HashMap<>();
    private final Map<Integer, Integer> blockAtBci = new HashMap<>();

    BytecodeMethod(ClassModel owner, MethodModel method, Where inlinedInto) {
        this.owner = owner;
        this.method = method;
        String internal = owner.thisClass().asInternalName();
        this.className = internal.substring(internal.lastIndexOf('/') + 1);
        this.methodName = method.methodName().stringValue();
        this.type = method.methodTypeSymbol();
        this.sourceFile = owner.findAttribute(java.lang.classfile.Attributes.sourceFile())
                .map(SourceFileAttribute::sourceFile).map(u -> u.stringValue()).orElse(className + ".java");
        this.inlinedInto = inlinedInto;
        this.code = (CodeAttribute) method.code().orElseThrow(() -> at(0, -1).error(
                "method has no bytecode (native or abstract methods cannot be kernels or be called from kernels)"));
        readInstructions();
        findBlocks();
        orderBlocks();
        this.liveIn = computeLiveness();
    }

    private final Where inlinedInto;

    Where at(int bci, int line) { return new Where(className, methodName, sourceFile, line, bci, inlinedInto); }

    Where at(Insn insn) { return at(insn.bci(), insn.line()); }

    Where inlinedInto() { return inlinedInto; }

    int bciOf(Label label) { return code.labelToBci(label); }

    int insnIndexAt(int bci) {
        Integer i = insnAtBci.get(bci);
        if (i == null) throw at(bci, -1).error("internal error: no instruction starts at bci " + bci);
        return i;
    }

    BasicBlock blockAt(int bci) {
        Integer b = blockAtBci.get(bci);
        if (b == null) throw at(bci, -1).error("internal error: no basic block starts at bci " + bci);
        return blocks.get(b);
    }

    /** Source line of the first instruction, for errors about the method as a whole. */
    int firstLine() { return insns.isEmpty() ? -1 : insns.getFirst().line(); }

    private void readInstructions() {
        int bci = 0, line = -1;
        for (CodeElement e : code) {
            if (e instanceof LineNumber ln) line = ln.line();
            else if (e instanceof Instruction ins) {
                insnAtBci.put(bci, insns.size());
                insns.add(new Insn(bci, ins, line));
                bci += ins.sizeInBytes();
            }
        }
        if (bci != code.codeLength())
            throw at(0, -1).error("internal error: decoded " + bci + " bytes of " + code.codeLength());
    }

    /** Branch targets of an instruction (empty when it only falls through). */
    List<Integer> targets(Instruction ins) {
        List<Integer> t = new ArrayList<>();
        switch (ins) {
            case BranchInstruction b -> t.add(bciOf(b.target()));
            case TableSwitchInstruction s -> {
                t.add(bciOf(s.defaultTarget()));
                for (SwitchCase c : s.cases()) t.add(bciOf(c.target()));
            }
            case LookupSwitchInstruction s -> {
                t.add(bciOf(s.defaultTarget()));
                for (SwitchCase c : s.cases()) t.add(bciOf(c.target()));
            }
            default -> {}
        }
        return t;
    }

    /** True when control never continues with the next instruction. */
    static boolean endsFlow(Instruction ins) {
        Opcode op = ins.opcode();
        return op == Opcode.GOTO || op == Opcode.GOTO_W || ins instanceof ReturnInstruction
                || ins instanceof ThrowInstruction || ins instanceof TableSwitchInstruction
                || ins instanceof LookupSwitchInstruction;
    }

    private void findBlocks() {
        BitSet leaders = new BitSet();
        leaders.set(0);
        for (int i = 0; i < insns.size(); i++) {
            Instruction ins = insns.get(i).ins();
            List<Integer> t = targets(ins);
            for (int bci : t) leaders.set(insnIndexAt(bci));
            if ((!t.isEmpty() || endsFlow(ins)) && i + 1 < insns.size()) leaders.set(i + 1);
        }
        for (int s = leaders.nextSetBit(0); s >= 0 && s < insns.size(); ) {
            int e = leaders.nextSetBit(s + 1);
            if (e < 0) e = insns.size();
            blockAtBci.put(insns.get(s).bci(), blocks.size());
            blocks.add(new BasicBlock(blocks.size(), s, e));
            s = e;
        }
        for (BasicBlock b : blocks) {
            Instruction last = insns.get(b.end - 1).ins();
            for (int bci : targets(last)) b.succs.add(blockAt(bci).index);
            if (!endsFlow(last) && b.end < insns.size()) b.succs.add(b.index + 1);
        }
    }

    private void orderBlocks() {
        boolean[] seen = new boolean[blocks.size()];
        List<BasicBlock> post = new ArrayList<>();
        // Iterative DFS; successors are visited in reverse so that fall-through blocks come first in RPO.
        Deque<int[]> stack = new ArrayDeque<>();
        stack.push(new int[]{0, 0});
        seen[0] = true;
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            BasicBlock b = blocks.get(top[0]);
            if (top[1] < b.succs.size()) {
                int s = b.succs.get(b.succs.size() - 1 - top[1]++);
                if (!seen[s]) { seen[s] = true; stack.push(new int[]{s, 0}); }
            } else {
                post.add(b);
                stack.pop();
            }
        }
        for (int i = post.size() - 1; i >= 0; i--) rpo.add(post.get(i));
    }

    /** Classic backward liveness over local slots (a long/double occupies its first slot only, enough here). */
    private BitSet[] computeLiveness() {
        int n = blocks.size();
        BitSet[] use = new BitSet[n], def = new BitSet[n], in = new BitSet[n];
        for (BasicBlock b : blocks) {
            BitSet u = new BitSet(), d = new BitSet();
            for (int i = b.first; i < b.end; i++) {
                switch (insns.get(i).ins()) {
                    case LoadInstruction l -> { if (!d.get(l.slot())) u.set(l.slot()); }
                    case StoreInstruction s -> d.set(s.slot());
                    case IncrementInstruction inc -> { if (!d.get(inc.slot())) u.set(inc.slot()); d.set(inc.slot()); }
                    default -> {}
                }
            }
            use[b.index] = u; def[b.index] = d; in[b.index] = (BitSet) u.clone();
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = n - 1; i >= 0; i--) {
                BitSet out = new BitSet();
                for (int s : blocks.get(i).succs) out.or(in[s]);
                out.andNot(def[i]);
                out.or(use[i]);
                if (!out.equals(in[i])) { in[i] = out; changed = true; }
            }
        }
        return in;
    }
}
