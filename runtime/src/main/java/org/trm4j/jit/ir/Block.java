package org.trm4j.jit.ir;

import java.util.ArrayList;
import java.util.List;

/** A basic block: straight-line instructions and one terminator. */
public final class Block {
    public final int id;
    public final List<Instr> instrs = new ArrayList<>();
    public Terminator terminator;
    /** Where this block came from, for error messages and comments (e.g. "bci 12, line 40"). */
    public String origin = "";

    public Block(int id) { this.id = id; }

    public String label() { return "B" + id; }

    @Override public String toString() { return label(); }
}
