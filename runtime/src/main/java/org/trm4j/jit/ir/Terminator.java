package org.trm4j.jit.ir;

/** How a basic block ends. */
public sealed interface Terminator {
    record Jump(Block target) implements Terminator {}
    /** if (cond) goto ifTrue else goto ifFalse; cond is BOOL. */
    record Branch(Value cond, Block ifTrue, Block ifFalse) implements Terminator {}
    record Return() implements Terminator {}
}
