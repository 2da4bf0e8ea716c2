package org.trm4j.backend.java;

import org.trm4j.api.Parallel;

import java.lang.classfile.*;
import java.lang.classfile.attribute.RuntimeVisibleTypeAnnotationsAttribute;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.AccessFlag;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Makes a loop-parallel kernel splittable over threads without changing what it computes: in a copy of the
 * method, the outermost @Parallel loop {@code for (i = s; i < n; i++)} runs only over part {@code part} of
 * {@code parts} contiguous blocks of [s, n) (block b: [s + b c, min(n, s + (b+1) c)), c = ceil((n - s) / parts)),
 * so each thread walks its own stretch of memory; the copy takes (part, parts) as two extra int parameters.
 * The block is computed when the loop condition is first evaluated (n is the bound javac's condition code
 * leaves on the stack before its {@code if_icmpge}). A loop whose condition is not that simple shape
 * ({@code iload i; <bound code without branches>; if_icmpge}) is split cyclically instead
 * ({@code i = s + part; i += parts}). Everything else is the kernel's own bytecode, so the java backend stays
 * the reference. The copy lives in a hidden nestmate class of the kernel's class, so it may call private helpers.
 */
final class ParallelLoopSplitter {
    private static final ClassDesc PARALLEL = ClassDesc.of(Parallel.class.getName());

    private ParallelLoopSplitter() {}

    /** The split method handle (original params..., int part, int parts), or null when the kernel has no @Parallel loop. */
    static MethodHandle split(Method kernel) {
        Class<?> owner = kernel.getDeclaringClass();
        ClassModel model = ClassFile.of().parse(classBytes(owner));
        MethodModel method = model.methods().stream()
                .filter(m -> m.methodName().equalsString(kernel.getName())
                        && m.methodType().equalsString(org.trm4j.runtime.TaskMethods.descriptor(kernel)))
                .findFirst().orElseThrow();
        CodeModel code = method.code().orElseThrow(() -> new IllegalArgumentException(kernel + " has no code"));
        TypeAnnotation.LocalVarTargetInfo loop = outermostParallelLoop(code);
        if (loop == null) return null;

        MethodTypeDesc origType = method.methodTypeSymbol();
        int argSlots = origType.parameterList().stream().mapToInt(p -> slotSize(p)).sum();
        // Above both the original locals and the two new parameters, so the prologue cannot clobber them.
        int firstFree = Math.max(((java.lang.classfile.attribute.CodeAttribute) code).maxLocals(), argSlots + 2);
        MethodTypeDesc splitType = origType.insertParameterTypes(origType.parameterCount(),
                java.lang.constant.ConstantDescs.CD_int, java.lang.constant.ConstantDescs.CD_int);
        int slotPart = firstFree, slotParts = firstFree + 1, loopSlot = loop.index();
        List<CodeElement> elements = code.elementList();
        int storeAt = initStoreIndex(elements, loop, loopSlot);
        // Contiguous blocks need the simple condition shape and a variable only ever incremented by 1; else cyclic.
        int cond = stepsByOne(elements, loop, loopSlot) ? conditionBranchIndex(elements, storeAt, loop, loopSlot) : -1;
        // Locals of the contiguous split: start s, first-evaluation flag, n, length, chunk, end of block.
        int slotStart = firstFree + 2, slotEnd = firstFree + 7;

        ClassDesc splitClass = ClassDesc.of(owner.getName() + "$$TrmSplit");
        String name = kernel.getName();
        byte[] bytes = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(
                        ClassHierarchyResolver.ofClassLoading(owner.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : owner.getClassLoader())))
                .build(splitClass, cb -> cb.withFlags(AccessFlag.FINAL, AccessFlag.SYNTHETIC)
                .withMethodBody(name, splitType, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, b -> {
                    // Park (part, parts) above the original locals: the original code may reuse their slots.
                    b.iload(argSlots).istore(slotPart).iload(argSlots + 1).istore(slotParts);
                    if (cond >= 0) {
                        // Contiguous blocks. Extra locals start at 0 so that every path verifies.
                        for (int x = slotStart; x <= slotEnd; x++) b.iconst_0().istore(x);
                        for (int i = 0; i < elements.size(); i++) {
                            CodeElement e = elements.get(i);
                            if (e instanceof RuntimeVisibleTypeAnnotationsAttribute || e instanceof Attribute<?>) continue;
                            if (i == cond) emitBlockBound(b, loopSlot, slotPart, slotParts, slotStart);
                            b.with(e);
                            if (i == storeAt) b.iload(loopSlot).istore(slotStart).iconst_1().istore(slotStart + 1);
                        }
                        return;
                    }
                    boolean inLoop = false;
                    for (int i = 0; i < elements.size(); i++) {
                        CodeElement e = elements.get(i);
                        if (e instanceof RuntimeVisibleTypeAnnotationsAttribute || e instanceof Attribute<?>) continue;
                        if (e == loop.startLabel()) inLoop = true;
                        if (e == loop.endLabel()) inLoop = false;
                        if (inLoop && e instanceof IncrementInstruction inc && inc.slot() == loopSlot) {
                            if (inc.constant() != 1)
                                throw new IllegalArgumentException(kernel + ": a @Parallel loop must step by 1, found " + inc.constant());
                            b.iload(loopSlot).iload(slotParts).iadd().istore(loopSlot);
                            continue;
                        }
                        b.with(e);
                        if (i == storeAt) b.iload(loopSlot).iload(slotPart).iadd().istore(loopSlot);
                    }
                }));
        MethodHandles.Lookup ownerLookup;
        try {
            ownerLookup = MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("java backend cannot access kernel " + kernel + ": " + e.getMessage(), e);
        }
        // A class from another class loader (a user's program under `trm run`) sits in another unnamed module: no
        // full-privilege lookup, so no nestmate can be defined. Such a kernel runs unsplit, on one thread, as written.
        if (!ownerLookup.hasFullPrivilegeAccess()) return null;
        try {
            MethodHandles.Lookup lookup = ownerLookup.defineHiddenClass(bytes, true, MethodHandles.Lookup.ClassOption.NESTMATE);
            MethodType mt = MethodType.methodType(void.class, kernel.getParameterTypes())
                    .appendParameterTypes(int.class, int.class);
            return lookup.findStatic(lookup.lookupClass(), name, mt);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalStateException("java backend: cannot prepare " + owner.getName() + "." + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Before the loop's {@code if_icmpge} (stack: i, n): on the first evaluation, moves i to the start of this
     * part's block and remembers the block's end; then compares i with min(n, end) instead of n.
     * Locals from {@code base}: s, first, n, len, chunk, end.
     */
    private static void emitBlockBound(CodeBuilder b, int loopSlot, int part, int parts, int base) {
        int s = base, first = base + 1, n = base + 2, len = base + 3, chunk = base + 4, end = base + 5;
        ClassDesc math = ClassDesc.of("java.lang.Math");
        MethodTypeDesc ii = MethodTypeDesc.ofDescriptor("(II)I");
        Label go = b.newLabel();
        b.istore(n).pop();
        b.iload(first).ifeq(go);
        b.iconst_0().istore(first);
        b.iload(n).iload(s).isub().iconst_0().invokestatic(math, "max", ii).istore(len);
        b.iload(len).iload(parts).invokestatic(math, "ceilDiv", ii).istore(chunk);
        b.iload(s).iload(len).iload(chunk).iload(part).imul().invokestatic(math, "min", ii).iadd().istore(loopSlot);
        b.iload(s).iload(len).iload(chunk).iload(part).iconst_1().iadd().imul().invokestatic(math, "min", ii).iadd().istore(end);
        b.labelBinding(go);
        b.iload(loopSlot).iload(n).iload(end).invokestatic(math, "min", ii);
    }

    /**
     * Index of the loop condition's {@code if_icmpge} when the condition right after the initialising store is
     * {@code iload i; <straight-line bound code>; if_icmpge <past the loop>}, else -1 (then the loop is split cyclically).
     */
    private static int conditionBranchIndex(List<CodeElement> elements, int storeAt, TypeAnnotation.LocalVarTargetInfo loop, int slot) {
        int loopEnd = elements.indexOf(loop.endLabel());
        boolean sawLoad = false;
        for (int i = storeAt + 1; i < elements.size(); i++) {
            CodeElement e = elements.get(i);
            if (!sawLoad) {
                if (e instanceof java.lang.classfile.instruction.LoadInstruction l) {
                    if (l.slot() != slot) return -1;
                    sawLoad = true;
                } else if (e instanceof Instruction) {
                    return -1;
                }
                continue;
            }
            if (e instanceof java.lang.classfile.instruction.LabelTarget) return -1;
            if (e instanceof java.lang.classfile.instruction.BranchInstruction br)
                // The exit branch leaves the loop: its target is at or after the end of the variable's range.
                return br.opcode() == Opcode.IF_ICMPGE && loopEnd >= 0 && elements.indexOf(br.target()) >= loopEnd ? i : -1;
            if (e instanceof Instruction ins && (ins instanceof StoreInstruction || ins instanceof IncrementInstruction
                    || ins instanceof java.lang.classfile.instruction.ReturnInstruction || ins instanceof java.lang.classfile.instruction.ThrowInstruction
                    || ins instanceof java.lang.classfile.instruction.TableSwitchInstruction || ins instanceof java.lang.classfile.instruction.LookupSwitchInstruction))
                return -1;
        }
        return -1;
    }

    /** Whether every increment of the loop variable inside the loop adds 1. */
    private static boolean stepsByOne(List<CodeElement> elements, TypeAnnotation.LocalVarTargetInfo loop, int slot) {
        boolean in = false;
        for (CodeElement e : elements) {
            if (e == loop.startLabel()) in = true;
            if (e == loop.endLabel()) in = false;
            if (in && e instanceof IncrementInstruction inc && inc.slot() == slot && inc.constant() != 1) return false;
            if (in && e instanceof StoreInstruction st && st.slot() == slot) return false;
        }
        return true;
    }

    /** The @Parallel local variable that starts first in the bytecode (the outermost loop). */
    private static TypeAnnotation.LocalVarTargetInfo outermostParallelLoop(CodeModel code) {
        var attr = code.findAttribute(Attributes.runtimeVisibleTypeAnnotations()).orElse(null);
        if (attr == null) return null;
        TypeAnnotation.LocalVarTargetInfo best = null;
        int bestPos = Integer.MAX_VALUE;
        List<CodeElement> elements = code.elementList();
        for (TypeAnnotation ta : attr.annotations()) {
            if (!org.trm4j.jit.frontend.ApiNames.canonicalDescriptor(ta.annotation().classSymbol().descriptorString()).equals(PARALLEL.descriptorString())) continue;
            if (!(ta.targetInfo() instanceof TypeAnnotation.LocalVarTarget lv)) continue;
            for (TypeAnnotation.LocalVarTargetInfo info : lv.table()) {
                int pos = elements.indexOf(info.startLabel());
                if (pos >= 0 && pos < bestPos) { bestPos = pos; best = info; }
            }
        }
        return best;
    }

    /** Index of the store that initialises the loop variable: the last store to its slot before the range starts. */
    private static int initStoreIndex(List<CodeElement> elements, TypeAnnotation.LocalVarTargetInfo loop, int slot) {
        int start = elements.indexOf(loop.startLabel());
        for (int i = start - 1; i >= 0; i--) {
            CodeElement e = elements.get(i);
            if (e instanceof StoreInstruction s && s.slot() == slot) return i;
            if (e instanceof Instruction && !(e instanceof StoreInstruction)) break;
        }
        throw new IllegalArgumentException("cannot find the initialisation of the @Parallel loop variable in slot " + slot);
    }

    private static int slotSize(ClassDesc d) {
        return d.equals(java.lang.constant.ConstantDescs.CD_long) || d.equals(java.lang.constant.ConstantDescs.CD_double) ? 2 : 1;
    }

    static byte[] classBytes(Class<?> owner) {
        String file = owner.getName().substring(owner.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = owner.getResourceAsStream(file)) {
            if (in == null) throw new IllegalStateException("cannot read the bytecode of " + owner.getName());
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bytecode of " + owner.getName(), e);
        }
    }
}
