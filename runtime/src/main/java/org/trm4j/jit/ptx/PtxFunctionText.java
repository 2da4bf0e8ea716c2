package org.trm4j.jit.ptx;

import java.util.List;

/**
 * Writes the body of one helper {@code .func}: instructions with a comment column, Horner
 * polynomials, constants as exact hex immediates. Registers are declared generously up front:
 * ptxas allocates only the ones used.
 */
final class PtxFunctionText {
    private final StringBuilder b = new StringBuilder();

    PtxFunctionText(String name, List<String> params, String doc) {
        for (String line : doc.split("\n")) b.append("// ").append(line).append('\n');
        b.append(".func (.param .f64 res) ").append(name).append('(');
        for (int i = 0; i < params.size(); i++) b.append(i == 0 ? "" : ", ").append(".param .f64 ").append(params.get(i));
        b.append(")\n{\n");
        b.append("    .reg .pred %p<16>;\n    .reg .b32 %r<16>;\n    .reg .b64 %rd<16>;\n    .reg .f64 %fd<64>;\n");
    }

    /** One instruction (without the semicolon), formatted. */
    PtxFunctionText op(String format, Object... args) {
        b.append("    ").append(String.format(format, args)).append(";\n");
        return this;
    }

    PtxFunctionText comment(String text) {
        b.append("    // ").append(text).append('\n');
        return this;
    }

    PtxFunctionText label(String l) {
        b.append(l).append(":\n");
        return this;
    }

    /** Raw text (a call block). */
    PtxFunctionText raw(String text) {
        b.append(text);
        return this;
    }

    /** acc = c[n-1]; acc = acc*x + c[i] for i = n-2..0: the polynomial sum c[i] x^i. */
    PtxFunctionText horner(String acc, String x, double[] c) {
        op("mov.f64 %s, %s", acc, PtxTypes.f64(c[c.length - 1]));
        for (int i = c.length - 2; i >= 0; i--) op("fma.rn.f64 %s, %s, %s, %s", acc, acc, x, PtxTypes.f64(c[i]));
        return this;
    }

    /** dst = 2^e for an int register e in [-1022, 1023], built from the exponent bits. */
    PtxFunctionText powerOfTwo(String dst, String e, String tmp32, String tmp64) {
        op("add.s32 %s, %s, 1023", tmp32, e);
        op("cvt.u64.u32 %s, %s", tmp64, tmp32);
        op("shl.b64 %s, %s, 52", tmp64, tmp64);
        op("mov.b64 %s, %s", dst, tmp64);
        return this;
    }

    String end(String result) {
        b.append("    st.param.f64 [res], ").append(result).append(";\n    ret;\n}\n");
        return b.toString();
    }

    static String d(double v) { return PtxTypes.f64(v); }
}
