package org.trm4j.jit.ptx;

import org.trm4j.jit.UniqueNames;

/**
 * PTX identifiers for one module: Java names sanitised to [A-Za-z0-9_], never starting with a digit,
 * never our helper prefix, unique. PTX keeps opcodes and identifiers apart, so "add" is a legal entry name.
 */
final class PtxNames {
    static final String HELPER_PREFIX = "jv_";
    private final UniqueNames names = new UniqueNames(PtxNames::legal);

    String claim(String wanted) { return names.claim(wanted); }

    private static String legal(String wanted) {
        String base = sanitize(wanted);
        return base.startsWith(HELPER_PREFIX) ? "k" + base : base;
    }

    static String sanitize(String s) {
        String b = UniqueNames.identifierChars(s);
        return Character.isDigit(b.charAt(0)) || b.charAt(0) == '_' ? "k" + b : b;
    }
}
