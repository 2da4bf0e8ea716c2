package org.trm4j.jit.opencl;

import org.trm4j.jit.KernelAbi;
import org.trm4j.jit.ir.ArrayRef;
import org.trm4j.jit.ir.Block;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Terminator;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;
import org.trm4j.jit.lower.JavaSemantics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.trm4j.jit.opencl.OpenClLiterals.type;

/**
 * Renders a kernel's IR as one OpenCL C {@code __kernel} function.
 *
 * <p>Shape of the output: every register is a local variable declared at the top, every block a
 * label, every jump a {@code goto} (javac's CFGs are reducible, but goto needs no structuring and
 * is always correct). Parameters follow {@link KernelAbi}: an array is {@code __global T* restrict name}
 * followed by a hidden {@code const int name_len}; local arrays are {@code __local} arrays at kernel scope.
 *
 * <p>It renders the output of {@link JavaSemantics} (shift masks, division guards, saturating
 * conversions, Math.min/max/pow, unordered compares are IR by then). What is left is C's own trap:
 * signed overflow is undefined in C, so add/sub/mul/neg/shl go through unsigned; and exact float
 * constants with no FMA contraction.
 */
public final class OpenClRenderer {
    private OpenClRenderer() {}

    /** The kernel as OpenCL C, with {@code restrict} array parameters. */
    public static String render(Kernel k) { return render(k, true); }

    /**
     * @param restrictPointers false when the launch passes one array for two parameters, where
     *                         {@code restrict} would be a lie the compiler may exploit
     */
    public static String render(Kernel k, boolean restrictPointers) {
        return new Emitter(JavaSemantics.lower(k, "OpenCL", JavaSemantics.OPENCL_C), restrictPointers).emit();
    }

    /** The C name of the kernel function (it may differ from {@code k.name} when that is reserved in OpenCL C). */
    public static String functionName(Kernel k) {
        return new OpenClNames().claim(k.name);
    }


    /** One rendering: names, used helpers and the body text. */
    private static final class Emitter {
        private final Kernel k;
        private final boolean restrict;
        private final OpenClNames names = new OpenClNames();
        private final Map<Integer, String> regNames = new HashMap<>();
        private final Map<ArrayRef, String> arrayNames = new IdentityHashMap<>();
        private final Map<Param.Array, String> lengthNames = new IdentityHashMap<>();
        private final StringBuilder body = new StringBuilder();
        private boolean usesDouble;
        private boolean usesLongAtomics;
        private Block current;

        Emitter(Kernel k, boolean restrict) {
            this.k = k;
            this.restrict = restrict;
        }

        String emit() {
            String fn = names.claim(k.name);
            List<String> params = new ArrayList<>();
            Map<Value.Reg, String> scalars = new java.util.LinkedHashMap<>();
            for (KernelAbi.Slot slot : KernelAbi.slots(k)) {
                switch (slot) {
                    case KernelAbi.Buffer(var i, var a) -> {
                        String n = names.claim(a.name());
                        arrayNames.put(a, n);
                        noteType(a.elementType());
                        params.add("__global " + type(a.elementType()) + "*" + (restrict ? " restrict " : " ") + n);
                    }
                    case KernelAbi.Length(var i, var a) -> {
                        String len = names.claim(a.name() + "_len");
                        lengthNames.put(a, len);
                        params.add("const int " + len);
                    }
                    case KernelAbi.Scalar(var i, var s) -> {
                        String n = names.claim(s.name());
                        params.add("const " + type(s.reg().type()) + " " + n);
                        scalars.put(s.reg(), n);
                    }
                }
            }
            List<String> locals = new ArrayList<>();
            for (LocalArray l : k.localArrays) {
                String n = names.claim(l.name());
                arrayNames.put(l, n);
                noteType(l.elementType());
                locals.add("    __local " + type(l.elementType()) + " " + n + "[" + l.length() + "];");
            }
            List<String> decls = new ArrayList<>();
            for (Value.Reg r : k.regs) {
                String n = names.claim(r.name() == null ? "r" + r.id() : r.name() + "_" + r.id());
                regNames.put(r.id(), n);
                noteType(r.type());
                decls.add("    " + type(r.type()) + " " + n + " = " + zero(r.type()) + ";");
            }
            StringBuilder init = new StringBuilder();
            // The registers are mutable, so a scalar parameter is copied into its register rather than aliased.
            scalars.forEach((r, n) -> init.append("    ").append(assign(r, n)).append('\n'));

            for (int i = 0; i < k.blocks.size(); i++) emitBlock(k.blocks.get(i), i + 1 < k.blocks.size() ? k.blocks.get(i + 1) : null);

            StringBuilder out = new StringBuilder();
            out.append("// ").append(k.source).append(": generated by trm4j\n");
            out.append("#pragma OPENCL FP_CONTRACT OFF\n");
            if (usesDouble) out.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
            if (usesLongAtomics) out.append("#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n");
            out.append('\n');
            out.append("__kernel void ").append(fn).append("(");
            if (params.isEmpty()) out.append("void");
            else out.append("\n        ").append(String.join(",\n        ", params));
            out.append(") {\n");
            for (String l : locals) out.append(l).append('\n');
            for (String d : decls) out.append(d).append('\n');
            out.append(init);
            out.append(body);
            out.append("}\n");
            return out.toString();
        }

        private void noteType(Type t) { if (t == Type.DOUBLE) usesDouble = true; }

        private static String zero(Type t) {
            return switch (t) {
                case BOOL -> "false";
                case BYTE, INT -> "0";
                case LONG -> "0L";
                case FLOAT -> "0.0f";
                case DOUBLE -> "0.0";
                case HALF, SHORT, CHAR -> throw new IllegalArgumentException("no " + t + " registers");
            };
        }

        private void emitBlock(Block b, Block next) {
            current = b;
            body.append(b.label()).append(":");
            if (b.origin != null && !b.origin.isEmpty()) body.append(" /* ").append(b.origin.replace("*/", "* /")).append(" */");
            body.append("\n");
            for (Instr i : b.instrs) body.append("    ").append(instr(i)).append('\n');
            String t = terminator(b.terminator, next);
            if (!t.isEmpty()) body.append("    ").append(t).append('\n');
            else if (b.instrs.isEmpty()) body.append("    ;\n"); // a label needs a statement after it
        }

        private String terminator(Terminator t, Block next) {
            if (t == null) throw unsupported("block " + current.label() + " has no terminator");
            return switch (t) {
                case Terminator.Return r -> "return;";
                case Terminator.Jump j -> j.target() == next ? "" : "goto " + j.target().label() + ";";
                case Terminator.Branch br -> {
                    String c = value(br.cond());
                    if (br.ifFalse() == next) yield "if (" + c + ") goto " + br.ifTrue().label() + ";";
                    if (br.ifTrue() == next) yield "if (!(" + c + ")) goto " + br.ifFalse().label() + ";";
                    yield "if (" + c + ") goto " + br.ifTrue().label() + "; else goto " + br.ifFalse().label() + ";";
                }
            };
        }

        private String instr(Instr i) {
            return switch (i) {
                case Instr.Move m -> assign(m.dst(), value(m.src()));
                case Instr.Binary b -> assign(b.dst(), binary(b));
                case Instr.Unary u -> assign(u.dst(), unary(u));
                // Integer narrowing truncates, widening sign-extends, int->float rounds to nearest, and float->int
                // (in range after JavaSemantics) truncates: C casts do exactly that.
                case Instr.Convert c -> assign(c.dst(), "(" + type(c.dst().type()) + ")" + value(c.src()));
                case Instr.Bitcast c -> assign(c.dst(), "as_" + type(c.dst().type()) + "(" + value(c.src()) + ")");
                case Instr.Compare c -> assign(c.dst(), compare(c));
                case Instr.Select s -> assign(s.dst(), value(s.cond()) + " ? " + value(s.a()) + " : " + value(s.b()));
                case Instr.Call c -> assign(c.dst(), call(c));
                case Instr.Load l -> assign(l.dst(), load(l));
                case Instr.Store s -> store(s);
                case Instr.ArrayLength a -> assign(a.dst(), lengthNames.get(a.array()));
                case Instr.Thread t -> assign(t.dst(), "(int)" + threadQuery(t.query()) + "(" + t.dim() + ")");
                case Instr.Barrier b -> barrier(b);
                case Instr.AtomicAdd a -> atomicAdd(a);
            };
        }

        private String assign(Value.Reg dst, String expr) { return reg(dst) + " = " + expr + ";"; }

        private String reg(Value.Reg r) {
            String n = regNames.get(r.id());
            if (n == null) throw unsupported("register " + r + " is not declared in the kernel");
            return n;
        }

        private String value(Value v) {
            return switch (v) {
                case Value.Reg r -> reg(r);
                case Value.Const c -> { noteType(c.type()); yield OpenClLiterals.constant(c); }
            };
        }

        private String binary(Instr.Binary b) {
            Type t = b.dst().type();
            String x = value(b.a()), y = value(b.b());
            boolean integral = t == Type.INT || t == Type.LONG;
            String u = t == Type.LONG ? "ulong" : "uint";
            String s = type(t);
            return switch (b.op()) {
                case ADD -> integral ? wrap(s, u, x, "+", y) : x + " + " + y;
                case SUB -> integral ? wrap(s, u, x, "-", y) : x + " - " + y;
                case MUL -> integral ? wrap(s, u, x, "*", y) : x + " * " + y;
                case DIV -> x + " / " + y;
                case REM -> integral ? x + " % " + y : "fmod(" + x + ", " + y + ")"; // Java's float % truncates, like fmod
                case AND -> x + " & " + y;
                case OR -> x + " | " + y;
                case XOR -> x + " ^ " + y;
                case SHL -> "(" + s + ")((" + u + ")" + x + " << " + y + ")";
                case SHR -> x + " >> " + y;
                case USHR -> "(" + s + ")((" + u + ")" + x + " >> " + y + ")";
            };
        }

        /** Two's complement wrap-around: signed overflow is undefined in C, unsigned arithmetic wraps. */
        private static String wrap(String s, String u, String x, String op, String y) {
            return "(" + s + ")((" + u + ")" + x + " " + op + " (" + u + ")" + y + ")";
        }

        private String unary(Instr.Unary u) {
            Type t = u.dst().type();
            String x = value(u.a());
            return switch (u.op()) {
                case NOT -> "!" + x;
                case NEG -> switch (t) {
                    case INT -> "(int)(0u - (uint)" + x + ")";
                    case LONG -> "(long)(0UL - (ulong)" + x + ")";
                    default -> "-" + x;
                };
            };
        }

        /** Ordered compares (JavaSemantics leaves no unordered ones for OpenCL C); C's != is true on NaN, islessgreater is not. */
        private String compare(Instr.Compare c) {
            String x = value(c.a()), y = value(c.b());
            if (c.cond() == Op.Cond.NE && c.a().type().isFloating()) return "islessgreater(" + x + ", " + y + ")";
            String op = switch (c.cond()) { case EQ -> "=="; case NE -> "!="; case LT -> "<"; case LE -> "<="; case GT -> ">"; case GE -> ">="; };
            return x + " " + op + " " + y;
        }

        private String call(Instr.Call c) {
            Type t = c.args().getFirst().type();
            String args = String.join(", ", c.args().stream().map(this::value).toList());
            return switch (c.fn()) {
                case EXP, LOG, SQRT, TANH, SIN, COS, FLOOR, CEIL, ATAN2, FMA, POW -> c.fn().name().toLowerCase() + "(" + args + ")";
                case ISNAN -> "(isnan(" + args + ") != 0)";
                // OpenCL's integer abs returns unsigned; the cast back gives Java's abs(MIN_VALUE) == MIN_VALUE.
                case ABS -> t.isFloating() ? "fabs(" + args + ")" : "(" + type(t) + ")abs(" + args + ")";
                case MIN, MAX -> c.fn().name().toLowerCase() + "(" + args + ")"; // integers only, after JavaSemantics
                case SIGMOID, RSQRT -> throw unsupported(c.fn() + " survived JavaSemantics");
            };
        }

        private String load(Instr.Load l) {
            // Halves are storage: vload_half widens exactly (core OpenCL C, no cl_khr_fp16 needed).
            if (l.array().elementType() == Type.HALF) return "vload_half(" + value(l.index()) + ", " + array(l.array()) + ")";
            // A char element converts to int with sign extension, as Java's baload does.
            return array(l.array()) + "[" + value(l.index()) + "]";
        }

        private String store(Instr.Store s) {
            String v = value(s.value());
            // Float.floatToFloat16 rounds to nearest even, as vstore_half_rte does.
            if (s.array().elementType() == Type.HALF) return "vstore_half_rte(" + v + ", " + value(s.index()) + ", " + array(s.array()) + ");";
            if (s.array().elementType() == Type.BYTE && s.value().type() != Type.BYTE) v = "(char)" + v;
            // short/ushort elements: the int is truncated, as Java's sastore/castore do (loads widen by C's promotion).
            if (s.array().elementType() == Type.SHORT) v = "(short)" + v;
            if (s.array().elementType() == Type.CHAR) v = "(ushort)" + v;
            return array(s.array()) + "[" + value(s.index()) + "] = " + v + ";";
        }

        private String array(ArrayRef a) {
            String n = arrayNames.get(a);
            if (n == null) throw unsupported("array " + a.name() + " is neither a parameter nor a local array of the kernel");
            return n;
        }

        private static String threadQuery(Op.ThreadQuery q) {
            return switch (q) {
                case GLOBAL_ID -> "get_global_id";
                case LOCAL_ID -> "get_local_id";
                case GROUP_ID -> "get_group_id";
                case LOCAL_SIZE -> "get_local_size";
                case GLOBAL_SIZE -> "get_global_size";
            };
        }

        /** A work-group barrier (JavaSemantics refuses grid-wide ones for OpenCL). */
        private String barrier(Instr.Barrier b) { return "barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);"; }

        private String atomicAdd(Instr.AtomicAdd a) {
            if (a.array().elementType() != Type.INT && a.array().elementType() != Type.LONG)
                throw unsupported("atomicAdd on " + a.array().elementType() + " arrays (only int and long arrays are supported)");
            if (a.array().elementType() == Type.LONG) usesLongAtomics = true;
            String fn = a.array().elementType() == Type.LONG ? "atom_add" : "atomic_add";
            String call = fn + "(&" + array(a.array()) + "[" + value(a.index()) + "], " + value(a.value()) + ")";
            return a.dst() == null ? call + ";" : assign(a.dst(), call);
        }

        private UnsupportedOperationException unsupported(String what) { return k.unsupported("OpenCL", current, what); }
    }
}
