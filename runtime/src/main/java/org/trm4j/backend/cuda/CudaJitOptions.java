package org.trm4j.backend.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The option arrays of cuModuleLoadDataEx that make the driver's PTX JIT write its error and info
 * logs into our buffers, so that a refused module throws with the JIT's own words.
 *
 * <p>Layout the driver expects: {@code CUjit_option options[n]} (ints) and {@code void* values[n]}.
 * Buffer options take a pointer; size options take the byte count cast to a pointer, and the driver
 * overwrites that slot with the number of bytes it wrote.
 */
public final class CudaJitOptions {
    public static final int CU_JIT_INFO_LOG_BUFFER = 3;
    public static final int CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
    public static final int CU_JIT_ERROR_LOG_BUFFER = 5;
    public static final int CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    public static final int CU_JIT_LOG_VERBOSE = 12;

    /** Bytes per log buffer: ptxas messages for one kernel are far shorter. */
    public static final int LOG_BYTES = 16 * 1024;

    private static final int[] OPTIONS = {
            CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES,
            CU_JIT_INFO_LOG_BUFFER, CU_JIT_INFO_LOG_BUFFER_SIZE_BYTES,
            CU_JIT_LOG_VERBOSE,
    };

    private final MemorySegment options;
    private final MemorySegment values;
    private final MemorySegment errorLog;
    private final MemorySegment infoLog;

    /** Allocates the arrays and log buffers in {@code arena}; they must live until the call returns. */
    public CudaJitOptions(Arena arena) {
        errorLog = arena.allocate(LOG_BYTES);
        infoLog = arena.allocate(LOG_BYTES);
        options = arena.allocate(JAVA_INT, OPTIONS.length);
        values = arena.allocate(ADDRESS, OPTIONS.length);
        for (int i = 0; i < OPTIONS.length; i++) options.setAtIndex(JAVA_INT, i, OPTIONS[i]);
        values.setAtIndex(ADDRESS, 0, errorLog);
        values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(LOG_BYTES));
        values.setAtIndex(ADDRESS, 2, infoLog);
        values.setAtIndex(ADDRESS, 3, MemorySegment.ofAddress(LOG_BYTES));
        values.setAtIndex(ADDRESS, 4, MemorySegment.ofAddress(1));
    }

    public int count() { return OPTIONS.length; }

    /** The CUjit_option array. */
    public MemorySegment options() { return options; }

    /** The void* option value array. */
    public MemorySegment values() { return values; }

    /** What the JIT wrote to the error log (empty when nothing). */
    public String errorLog() { return read(errorLog, 1); }

    /** What the JIT wrote to the info log (register use, warnings). */
    public String infoLog() { return read(infoLog, 3); }

    /** Both logs, labelled, for an exception message. */
    public String combinedLog() {
        String e = errorLog(), i = infoLog();
        StringBuilder b = new StringBuilder();
        if (!e.isBlank()) b.append("error log:\n").append(e.strip());
        if (!i.isBlank()) b.append(b.isEmpty() ? "" : "\n").append("info log:\n").append(i.strip());
        return b.toString();
    }

    /** Reads a log: at most the byte count the driver put back in the size slot, up to the first NUL. */
    private String read(MemorySegment buffer, int sizeSlot) {
        long written = values.getAtIndex(ADDRESS, sizeSlot).address();
        long limit = Math.min(Math.max(0, written), LOG_BYTES);
        byte[] bytes = buffer.asSlice(0, limit).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) n++;
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }
}
