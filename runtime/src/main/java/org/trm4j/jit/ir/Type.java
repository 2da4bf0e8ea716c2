package org.trm4j.jit.ir;

/** Scalar types of the IR. BOOL is the result of comparisons; BYTE only appears as an array element. */
public enum Type {
    BOOL, BYTE, INT, LONG, FLOAT, DOUBLE;

    public boolean isFloating() { return this == FLOAT || this == DOUBLE; }
    public boolean isIntegral() { return this == BYTE || this == INT || this == LONG; }
    /** Size in bytes of one element of this type in memory. */
    public int bytes() {
        return switch (this) { case BOOL, BYTE -> 1; case INT, FLOAT -> 4; case LONG, DOUBLE -> 8; };
    }
}
