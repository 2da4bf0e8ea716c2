package org.trm4j.jit.spirv;

import org.junit.jupiter.api.Test;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.opencl.TestIr;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The binary encoding: words, string literals, header, deduplicated types and constants. */
class SpirvWriterTest {

    @Test
    void stringLiteralsAreNulTerminatedLittleEndianWords() {
        // "OpenCL.std" is 10 bytes: 3 words, the last holding "td\0\0".
        assertArrayEquals(new int[] {0x6e65704f, 0x732e4c43, 0x00006474}, SpirvWriter.literal("OpenCL.std"));
        // A length that is a multiple of 4 still needs a whole word for the NUL.
        assertArrayEquals(new int[] {0x64636261, 0}, SpirvWriter.literal("abcd"));
        assertArrayEquals(new int[] {0}, SpirvWriter.literal(""));
    }

    @Test
    void instructionsPackWordCountAndOpcode() {
        SpirvWriter w = new SpirvWriter();
        w.emit(Spv.Op.TypeInt, 7, 32, 0);
        assertArrayEquals(new int[] {4 << 16 | 21, 7, 32, 0}, w.words());
    }

    @Test
    void typesAndConstantsAreMadeOnce() {
        SpirvModule m = new SpirvModule();
        assertEquals(m.intType(32), m.intType(32));
        assertEquals(m.constantInt(64, -1), m.constantInt(64, -1));
        assertEquals(m.constantFloat(-0f), m.constantFloat(-0f));
        // -0.0 and +0.0 compare equal but are different constants.
        assertEquals(false, m.constantFloat(0f) == m.constantFloat(-0f));
    }

    @Test
    void headerHasMagicVersionAndBound() {
        byte[] module = SpirvRenderer.render(TestIr.binary("add", Type.INT, Op.Binary.ADD));
        ByteBuffer b = ByteBuffer.wrap(module).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(Spv.MAGIC, b.getInt(0));
        assertEquals(Spv.VERSION_1_0, b.getInt(4));
        assertEquals(0, module.length % 4);
        int bound = b.getInt(12);
        // Every result id of the module is below the bound; the bound is tight enough to be plausible.
        assertEquals(true, bound > 10 && bound < module.length / 4);
    }
}
