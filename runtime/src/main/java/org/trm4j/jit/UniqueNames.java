package org.trm4j.jit;

import java.util.HashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Hands out identifiers for one generated module: each wanted (Java) name is first made legal by
 * the target's rule, then numbered ("x", "x_2", "x_3"...) until it is one not handed out yet.
 */
public final class UniqueNames {
    private final UnaryOperator<String> legal;
    private final Set<String> used = new HashSet<>();

    /** @param legal the target's rule: a legal identifier close to a wanted name */
    public UniqueNames(UnaryOperator<String> legal) { this.legal = legal; }

    /** A fresh identifier close to {@code wanted}. */
    public String claim(String wanted) {
        String base = legal.apply(wanted);
        String name = base;
        for (int n = 2; used.contains(name); n++) name = base + "_" + n;
        used.add(name);
        return name;
    }

    /**
     * Keeps [A-Za-z0-9_] and replaces every other character (Java allows $ and Unicode letters) by
     * '_'; "v" for null or empty. The first character may still be a digit: targets differ there.
     */
    public static String identifierChars(String s) {
        if (s == null || s.isEmpty()) return "v";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            b.append(ok ? c : '_');
        }
        return b.toString();
    }
}
