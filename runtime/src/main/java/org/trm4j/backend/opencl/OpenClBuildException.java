package org.trm4j.backend.opencl;

/**
 * A program did not build. The message holds the driver's build log and the program source with
 * line numbers, so that the log's "line:column" references can be read without regenerating anything.
 */
public final class OpenClBuildException extends OpenClException {
    private final String buildLog;
    private final String source;

    public OpenClBuildException(String what, int code, String buildLog, String source) {
        super("clBuildProgram", code, "clBuildProgram failed for " + what + ": " + errorName(code) + " (" + code + ")\n"
                + "--- build log ---\n" + (buildLog == null || buildLog.isBlank() ? "(empty)\n" : buildLog.strip() + "\n")
                + (source == null ? "" : "--- source ---\n" + numbered(source)));
        this.buildLog = buildLog;
        this.source = source;
    }

    /** The driver's build log (may be empty). */
    public String buildLog() { return buildLog; }

    /** The program source, or null when it was built from IL or a binary. */
    public String source() { return source; }

    static String numbered(String source) {
        StringBuilder b = new StringBuilder();
        String[] lines = source.split("\n", -1);
        int width = Integer.toString(lines.length).length();
        for (int i = 0; i < lines.length; i++) {
            if (i == lines.length - 1 && lines[i].isEmpty()) break;
            b.append(String.format("%" + width + "d| ", i + 1)).append(lines[i]).append('\n');
        }
        return b.toString();
    }
}
