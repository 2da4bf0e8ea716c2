package org.trm4j.jit.frontend;

import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/** One entry of the abstract operand stack while a bytecode block is translated. */
sealed interface StackEntry {

    /** JVM stack words the entry occupies (long and double take two), for pop2/dup2 and friends. */
    int words();

    /** A primitive value, held lazily: a constant, a register of a local, or a temporary. */
    record Scalar(Value value) implements StackEntry {
        public int words() { return value.type() == Type.LONG || value.type() == Type.DOUBLE ? 2 : 1; }
    }

    /** A reference, tracked symbolically. */
    record Ref(Sym sym) implements StackEntry {
        public int words() { return 1; }
    }

    /**
     * The int result of lcmp/fcmpl/fcmpg/dcmpl/dcmpg, kept unevaluated so that the following ifXX
     * becomes one Compare. {@code nanResult} is what the JVM pushes when an operand is NaN
     * (-1 for *cmpl, +1 for *cmpg, 0 for lcmp where NaN cannot occur).
     */
    record PendingCompare(Value a, Value b, int nanResult) implements StackEntry {
        public int words() { return 1; }
    }
}
