package org.trm4j.jit.ptx;

/**
 * A PTX module was refused, by ptxas or by the CUDA driver's JIT. The message carries the
 * assembler's log and the module with line numbers, so the failing line can be found.
 */
public final class PtxAssemblyException extends RuntimeException {
    private final String log;

    public PtxAssemblyException(String what, String log, String ptx) {
        super(what + "\n--- log ---\n" + (log == null || log.isBlank() ? "(empty)" : log.strip())
                + (ptx == null ? "" : "\n--- PTX ---\n" + numbered(ptx)));
        this.log = log == null ? "" : log;
    }

    /** The assembler's or driver's log alone. */
    public String log() { return log; }

    static String numbered(String text) {
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) b.append(String.format("%5d  ", i + 1)).append(lines[i]).append('\n');
        return b.toString();
    }
}
