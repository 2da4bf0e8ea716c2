package org.trm4j.jit.spirv;

import org.trm4j.jit.ir.Type;

/**
 * Instruction emission inside one function body: result ids, the SPIR-V type of each IR type, and
 * constants by IR type. Shared by the renderer (control flow, memory) and {@link SpirvJavaMath}
 * (the arithmetic that needs more than one instruction to behave like Java).
 */
final class SpirvCode {
    final SpirvModule module;
    final SpirvWriter out;
    private final int extInstSet;

    SpirvCode(SpirvModule module, SpirvWriter out, int extInstSet) {
        this.module = module;
        this.out = out;
        this.extInstSet = extInstSet;
    }

    /** Emits {@code opcode resultType result operands...} and returns the result id. */
    int op(int opcode, int resultType, int... operands) {
        int id = module.id();
        int[] ops = new int[operands.length + 2];
        ops[0] = resultType;
        ops[1] = id;
        System.arraycopy(operands, 0, ops, 2, operands.length);
        out.emit(opcode, ops);
        return id;
    }

    /** Emits an instruction without a result (OpStore, OpBranch, OpControlBarrier...). */
    void emit(int opcode, int... operands) { out.emit(opcode, operands); }

    /** An OpenCL.std extended instruction. */
    int ext(int instruction, int resultType, int... operands) {
        int[] ops = new int[operands.length + 2];
        ops[0] = extInstSet;
        ops[1] = instruction;
        System.arraycopy(operands, 0, ops, 2, operands.length);
        return op(Spv.Op.ExtInst, resultType, ops);
    }

    /** The SPIR-V type of IR type {@code t}: BYTE is an 8-bit integer, BOOL the abstract OpTypeBool. */
    int type(Type t) {
        return switch (t) {
            case BOOL -> module.boolType();
            case BYTE -> module.intType(8);
            case INT -> module.intType(32);
            case LONG -> module.intType(64);
            case FLOAT -> module.floatType(32);
            case DOUBLE -> module.floatType(64);
            case HALF -> module.floatType(16);
            case SHORT, CHAR -> module.intType(16);
        };
    }

    int boolType() { return module.boolType(); }

    /** The number {@code v} as a constant of arithmetic type {@code t} (for 0, 1, -1, limits). */
    int constant(Type t, long v) {
        return switch (t) {
            case BOOL -> module.constantBool(v != 0);
            case BYTE -> module.constantInt(8, v);
            case INT -> module.constantInt(32, v);
            case LONG -> module.constantInt(64, v);
            case FLOAT -> module.constantFloat((float) v);
            case DOUBLE -> module.constantDouble((double) v);
            case HALF, SHORT, CHAR -> throw new IllegalArgumentException("no " + t + " constants");
        };
    }

    /** A floating constant of type {@code t} (FLOAT or DOUBLE) with value {@code v}, exact for the values we use. */
    int floating(Type t, double v) {
        return t == Type.FLOAT ? module.constantFloat((float) v) : module.constantDouble(v);
    }

    /** The integer type of the same width as floating type {@code t}, for bit manipulation. */
    int bitsType(Type t) { return module.intType(t == Type.DOUBLE ? 64 : 32); }
}
