package org.trm4j.jit.ptx;

import java.util.HashSet;
import java.util.Set;

/**
 * PTX identifiers for one module: Java names sanitised to [A-Za-z0-9_], never starting with a digit,
 * never our helper prefix, unique. PTX keeps opcodes and identifiers apart, so "add" is a legal entry name.
 */
final class PtxNames {
    static final String HELPER_PREFIX = "jv_";
    private final Set<String> used = new HashSet<>();

    String claim(String wanted) {
        String base = sanitize(wanted);
        if (base.startsWith(HELPER_PREFIX)) base = "k" + base;
        String name = base;
        for (int n = 2; used.contains(name); n++) name = base + "_" + n;
        used.add(name);
        return name;
    }

    static String sanitize(String s) {
        if (s == null || s.isEmpty()) return "v";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        if (Character.isDigit(b.charAt(0)) || b.charAt(0) == '_') b.insert(0, 'k');
        return b.toString();
    }
}
