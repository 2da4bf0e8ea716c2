package org.trm4j.backend.cuda;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cuModuleLoadDataEx option arrays, and reading the logs back as the driver leaves them. */
class CudaJitOptionsTest {

    @Test
    void optionArraysPairEachBufferWithItsSize() {
        try (Arena a = Arena.ofConfined()) {
            CudaJitOptions o = new CudaJitOptions(a);
            assertEquals(5, o.count());
            MemorySegment opts = o.options(), vals = o.values();
            assertEquals(CudaJitOptions.CU_JIT_ERROR_LOG_BUFFER, opts.getAtIndex(JAVA_INT, 0));
            assertEquals(CudaJitOptions.CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES, opts.getAtIndex(JAVA_INT, 1));
            assertEquals(CudaJitOptions.CU_JIT_INFO_LOG_BUFFER, opts.getAtIndex(JAVA_INT, 2));
            assertEquals(CudaJitOptions.CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES, opts.getAtIndex(JAVA_INT, 3));
            assertEquals(CudaJitOptions.CU_JIT_LOG_VERBOSE, opts.getAtIndex(JAVA_INT, 4));
            assertTrue(vals.getAtIndex(ADDRESS, 0).address() != 0, "error buffer pointer");
            assertEquals(CudaJitOptions.LOG_BYTES, vals.getAtIndex(ADDRESS, 1).address(), "size passed by value in the pointer slot");
            assertTrue(vals.getAtIndex(ADDRESS, 2).address() != 0, "info buffer pointer");
            assertEquals(CudaJitOptions.LOG_BYTES, vals.getAtIndex(ADDRESS, 3).address());
            assertEquals(1, vals.getAtIndex(ADDRESS, 4).address());
            assertEquals("", o.errorLog());
            assertEquals("", o.combinedLog());
        }
    }

    @Test
    void logsAreReadUpToTheSizeTheDriverWroteBack() {
        try (Arena a = Arena.ofConfined()) {
            CudaJitOptions o = new CudaJitOptions(a);
            // What the driver does on a refused module: fill the buffer, put the byte count in the size slot.
            byte[] msg = "ptxas application ptx input, line 7; error   : Arguments mismatch for instruction 'mov'\0garbage"
                    .getBytes(StandardCharsets.UTF_8);
            MemorySegment errorBuffer = o.values().getAtIndex(ADDRESS, 0).reinterpret(CudaJitOptions.LOG_BYTES);
            errorBuffer.copyFrom(MemorySegment.ofArray(msg));
            o.values().setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(msg.length));
            MemorySegment infoBuffer = o.values().getAtIndex(ADDRESS, 2).reinterpret(CudaJitOptions.LOG_BYTES);
            byte[] info = "ptxas info    : Used 12 registers".getBytes(StandardCharsets.UTF_8);
            infoBuffer.copyFrom(MemorySegment.ofArray(info));
            o.values().setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(10));
            assertEquals("ptxas application ptx input, line 7; error   : Arguments mismatch for instruction 'mov'", o.errorLog());
            assertEquals("ptxas info", o.infoLog(), "only the bytes the driver reported");
            var e = new CudaModuleLoadException("k for PTX 7.0 sm_70 on cuda:0", 218, "CUDA_ERROR_INVALID_PTX", o.combinedLog(), "line1\nline2");
            assertTrue(e.getMessage().startsWith("cuModuleLoadDataEx failed: CUDA_ERROR_INVALID_PTX (218)"), e.getMessage());
            assertTrue(e.getMessage().contains("line 7; error"), e.getMessage());
            assertTrue(e.getMessage().contains("    2  line2"), e.getMessage());
            assertTrue(e.jitLog().contains("info log:"), e.jitLog());
        }
    }
}
