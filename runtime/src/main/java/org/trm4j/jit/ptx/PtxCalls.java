package org.trm4j.jit.ptx;

import java.util.List;

/** The PTX calling sequence for our double-precision helper functions (all take and return .f64). */
final class PtxCalls {
    private PtxCalls() {}

    /**
     * A call as a scoped block, the form nvcc emits: argument and return .param variables live
     * only inside the braces, so one kernel may contain many calls without name clashes.
     */
    static String call(String function, String dst, List<String> args, String indent) {
        StringBuilder b = new StringBuilder();
        b.append(indent).append("{ // ").append(dst).append(" = ").append(function).append('(').append(String.join(", ", args)).append(")\n");
        String in = indent + "    ";
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            b.append(in).append(".param .f64 arg").append(i).append(";\n");
            b.append(in).append("st.param.f64 [arg").append(i).append("], ").append(args.get(i)).append(";\n");
            params.append(i == 0 ? "" : ", ").append("arg").append(i);
        }
        b.append(in).append(".param .f64 ret;\n");
        b.append(in).append("call.uni (ret), ").append(function).append(", (").append(params).append(");\n");
        b.append(in).append("ld.param.f64 ").append(dst).append(", [ret];\n");
        b.append(indent).append("}\n");
        return b.toString();
    }
}
