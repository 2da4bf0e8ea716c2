package org.trm4j.jit.frontend;

/**
 * A position in the Java source of a kernel, for error messages and block comments.
 * {@code inlinedInto} is the call site when the position lies in an inlined static method.
 */
record Where(String className, String methodName, String sourceFile, int line, int bci, Where inlinedInto) {

    /** "Kernels.bad (Kernels.java:42, bci 17)", plus the chain of call sites for inlined code. */
    String format() {
        String s = className + "." + methodName + " (" + sourceFile + ":" + (line < 0 ? "?" : line) + ", bci " + bci + ")";
        return inlinedInto == null ? s : s + " inlined into " + inlinedInto.format();
    }

    /** Short form for block comments: "bci 12, line 40". */
    String shortForm() {
        return className + "." + methodName + " bci " + bci + (line < 0 ? "" : ", line " + line);
    }

    KernelCompileException error(String message) {
        return new KernelCompileException(format() + ": " + message);
    }
}
