package org.trm4j.jit.ptx;

import org.trm4j.jit.ir.Type;

import java.util.EnumMap;
import java.util.Map;

/**
 * Hands out PTX virtual registers per class (%p, %r, %rd, %f, %fd), numbered from 0, and writes
 * their {@code .reg} declarations. IR registers and temporaries come from the same counters;
 * ptxas does the real allocation.
 */
final class PtxRegisters {
    private final Map<PtxTypes.RegClass, Integer> next = new EnumMap<>(PtxTypes.RegClass.class);

    String fresh(PtxTypes.RegClass c) {
        int n = next.getOrDefault(c, 0);
        next.put(c, n + 1);
        return c.prefix + n;
    }

    String fresh(Type t) { return fresh(PtxTypes.regClass(t)); }

    /** ".reg .f32 %f<12>;" lines for every class used. */
    String declarations(String indent) {
        StringBuilder b = new StringBuilder();
        for (PtxTypes.RegClass c : PtxTypes.RegClass.values()) {
            Integer n = next.get(c);
            if (n != null) b.append(indent).append(".reg ").append(c.declType).append(' ').append(c.prefix).append('<').append(n).append(">;\n");
        }
        return b.toString();
    }
}
