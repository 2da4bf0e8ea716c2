package org.trm4j.backend.cuda;

/**
 * cuModuleLoadDataEx refused a PTX module. The message has the CUresult, the JIT's error and info
 * logs (captured through {@link CudaJitOptions}) and the numbered PTX.
 */
public final class CudaModuleLoadException extends CudaException {
    private final String jitLog;

    public CudaModuleLoadException(String what, int code, String codeName, String jitLog, String ptx) {
        super("cuModuleLoadDataEx", code, codeName, what + "\n--- JIT log ---\n" + (jitLog == null || jitLog.isBlank() ? "(empty)" : jitLog)
                + (ptx == null ? "" : "\n--- PTX ---\n" + numbered(ptx)));
        this.jitLog = jitLog == null ? "" : jitLog;
    }

    /** The driver JIT's error and info logs. */
    public String jitLog() { return jitLog; }

    private static String numbered(String text) {
        StringBuilder b = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) b.append(String.format("%5d  ", i + 1)).append(lines[i]).append('\n');
        return b.toString();
    }
}
