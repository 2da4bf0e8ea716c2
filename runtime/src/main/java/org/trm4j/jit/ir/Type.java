package org.trm4j.jit.ir;

/**
 * Scalar types of the IR. BOOL is the result of comparisons; BYTE only appears as an array element. HALF is
 * storage only (IEEE binary16 array elements): a load from a HALF array gives a FLOAT, a store takes a FLOAT and
 * rounds it to nearest even.
 */
public enum Type {
    BOOL, BYTE, INT, LONG, FLOAT, DOUBLE, HALF,
    /** Array elements only, like BYTE: SHORT loads sign-extend into INT, CHAR loads zero-extend; stores truncate. */
    SHORT, CHAR;

    public boolean isFloating() { return this == FLOAT || this == DOUBLE; }
    public boolean isIntegral() { return this == BYTE || this == SHORT || this == CHAR || this == INT || this == LONG; }
    /** The register type a load of an element of this type gives (and a store takes): BYTE -> INT, HALF -> FLOAT. */
    public Type valueType() { return this == BYTE || this == SHORT || this == CHAR ? INT : this == HALF ? FLOAT : this; }

    /** Size in bytes of one element of this type in memory. */
    public int bytes() {
        return switch (this) { case BOOL, BYTE -> 1; case HALF, SHORT, CHAR -> 2; case INT, FLOAT -> 4; case LONG, DOUBLE -> 8; };
    }
}
