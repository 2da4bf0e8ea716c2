package org.trm4j.jit.spirv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable run of 32-bit words holding encoded SPIR-V instructions: one section of a module.
 * Each instruction is its word count and opcode packed in one word, then its operands.
 */
public final class SpirvWriter {
    private int[] words = new int[256];
    private int size;

    /** Appends one instruction with plain word operands (ids, literals, enumerants). */
    public void emit(int opcode, int... operands) {
        header(opcode, operands.length);
        for (int o : operands) word(o);
    }

    /**
     * Appends an instruction with one string literal between fixed operands, as OpName,
     * OpEntryPoint and OpExtInstImport have.
     */
    public void emitWithString(int opcode, int[] before, String literal, int... after) {
        int[] text = literal(literal);
        header(opcode, before.length + text.length + after.length);
        for (int o : before) word(o);
        for (int o : text) word(o);
        for (int o : after) word(o);
    }

    /** Appends every word of {@code other}. */
    public void append(SpirvWriter other) {
        for (int i = 0; i < other.size; i++) word(other.words[i]);
    }

    public int size() { return size; }

    public int[] words() { return Arrays.copyOf(words, size); }

    /**
     * A SPIR-V literal string: UTF-8, NUL-terminated, padded with NULs to whole words, the first byte
     * in the lowest-order bits of its word (the spec's byte order, independent of the host's).
     */
    public static int[] literal(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[bytes.length / 4 + 1]; // +1 always leaves room for the terminating NUL
        for (int i = 0; i < bytes.length; i++) out[i / 4] |= (bytes[i] & 0xff) << (8 * (i % 4));
        return out;
    }

    private void header(int opcode, int operandCount) {
        int count = operandCount + 1;
        if (count > 0xffff) throw new IllegalArgumentException("SPIR-V instruction " + opcode + " has too many operands: " + operandCount);
        word(count << 16 | (opcode & 0xffff));
    }

    private void word(int w) {
        if (size == words.length) words = Arrays.copyOf(words, size * 2);
        words[size++] = w;
    }
}
