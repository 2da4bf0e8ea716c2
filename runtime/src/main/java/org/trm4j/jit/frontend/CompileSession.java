package org.trm4j.jit.frontend;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;

/** State shared by the translators of one kernel: the IR being built and the chain of inlined calls. */
final class CompileSession {
    /** Deeper inlining than this is almost certainly a mistake (and would blow up the kernel). */
    static final int MAX_INLINE_DEPTH = 32;

    final Kernel kernel;
    final Emitter em;
    final ClassLoader loader;
    /** "owner.name(desc)" of the methods being translated, innermost first: recursion shows up here. */
    final Deque<String> callChain = new ArrayDeque<>();
    /** Where each barrier instruction came from, for {@link BarrierUniformity}'s messages. */
    final Map<Instr, Where> barrierSites = new IdentityHashMap<>();
    /** The hidden column-count register of each array parameter that is a {@link org.trm4j.api.Matrix2D}. */
    final Map<org.trm4j.jit.ir.ArrayRef, org.trm4j.jit.ir.Value.Reg> matrixColumns = new java.util.HashMap<>();

    CompileSession(Kernel kernel, ClassLoader loader) {
        this.kernel = kernel;
        this.em = new Emitter(kernel);
        this.loader = loader;
    }

    static String methodKey(String ownerInternalName, String name, String descriptor) {
        return ownerInternalName + "." + name + descriptor;
    }
}
