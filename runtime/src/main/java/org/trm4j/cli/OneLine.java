package org.trm4j.cli;

/**
 * An error message as the user sees it: one line, led by a prefix, without the parser locations that
 * libraries append (Jackson's "Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled)").
 */
public final class OneLine {
    private OneLine() {}

    public static String of(String prefix, String message) {
        String m = message == null ? "" : message.strip();
        int jackson = m.indexOf(" at [Source: ");
        if (jackson < 0) jackson = m.indexOf("\n at [Source: ");
        if (jackson >= 0) m = m.substring(0, jackson);
        m = m.replaceAll("\\s*\\R\\s*", "; ");
        return m.startsWith(prefix.strip()) ? m : prefix + m;
    }
}
