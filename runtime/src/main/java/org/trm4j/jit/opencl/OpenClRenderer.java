package org.trm4j.jit.opencl;

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

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.trm4j.jit.opencl.OpenClLiterals.type;

/**
 * Renders a kernel's IR as one OpenCL C {@code __kernel} function.
 *
 * <p>Shape of the output: every register is a local variable declared at the top, every block a
 * label, every jump a {@code goto} (javac's CFGs are reducible, but goto needs no structuring and
 * is always correct). Array parameters are {@code __global T* restrict name} followed by a hidden
 * {@code const int name_len}; local arrays are {@code __local} arrays at kernel scope.
 *
 * <p>Java semantics OpenCL C lacks are spelled out: wrapping int arithmetic (signed overflow is
 * undefined in C, so add/sub/mul/neg/shl go through unsigned), masked shift counts, saturating
 * float->int with NaN -> 0, MIN_VALUE / -1, Math.min/max with NaN and -0.0, NaN-aware compares,
 * exact float constants and no FMA contraction.
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
        return new Emitter(k, restrictPointers).emit();
    }

    /** The C name of the kernel function (it may differ from {@code k.name} when that is reserved in OpenCL C). */
    public static String functionName(Kernel k) {
        return new OpenClNames().claim(k.name);
    }

    /** A scalar parameter's register starts out as {@code expr} (the parameter, or its int turned into a bool). */
    private record ScalarInit(Value.Reg reg, String expr) {}

    /** One rendering: names, used helpers and the body text. */
    private static final class Emitter {
        private final Kernel k;
        private final boolean restrict;
        private final OpenClNames names = new OpenClNames();
        private final Map<Integer, String> regNames = new HashMap<>();
        private final Map<ArrayRef, String> arrayNames = new IdentityHashMap<>();
        private final Map<Param.Array, String> lengthNames = new IdentityHashMap<>();
        private final EnumSet<OpenClHelpers> helpers = EnumSet.noneOf(OpenClHelpers.class);
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
            List<ScalarInit> prologue = new ArrayList<>();
            for (Param p : k.params) {
                switch (p) {
                    case Param.Array a -> {
                        String n = names.claim(a.name());
                        String len = names.claim(a.name() + "_len");
                        arrayNames.put(a, n);
                        lengthNames.put(a, len);
                        noteType(a.elementType());
                        params.add("__global " + type(a.elementType()) + "*" + (restrict ? " restrict " : " ") + n);
                        params.add("const int " + len);
                    }
                    case Param.Scalar s -> {
                        String n = names.claim(s.name());
                        // bool is not a legal kernel argument type: booleans travel as int.
                        Type t = s.reg().type();
                        params.add("const " + (t == Type.BOOL ? "int" : type(t)) + " " + n);
                        prologue.add(new ScalarInit(s.reg(), t == Type.BOOL ? "(" + n + " != 0)" : n));
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
            for (ScalarInit p : prologue) init.append("    ").append(assign(p.reg(), p.expr())).append('\n');

            for (int i = 0; i < k.blocks.size(); i++) emitBlock(k.blocks.get(i), i + 1 < k.blocks.size() ? k.blocks.get(i + 1) : null);

            StringBuilder out = new StringBuilder();
            out.append("// ").append(k.source).append(": generated by trm4j\n");
            out.append("#pragma OPENCL FP_CONTRACT OFF\n");
            if (usesDouble) out.append("#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n");
            if (usesLongAtomics) out.append("#pragma OPENCL EXTENSION cl_khr_int64_base_atomics : enable\n");
            out.append('\n');
            for (OpenClHelpers h : helpers) out.append(h.source).append("\n\n");
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
                case Instr.Convert c -> assign(c.dst(), convert(c.src().type(), c.dst().type(), value(c.src())));
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
            int mask = t == Type.LONG ? 63 : 31;
            return switch (b.op()) {
                case ADD -> integral ? wrap(s, u, x, "+", y) : x + " + " + y;
                case SUB -> integral ? wrap(s, u, x, "-", y) : x + " - " + y;
                case MUL -> integral ? wrap(s, u, x, "*", y) : x + " * " + y;
                case DIV -> switch (t) {
                    // A constant divisor other than 0 and -1 cannot hit Java's special cases: plain C division.
                    case INT, LONG -> safeDivisor(b.b()) ? x + " / " + y
                            : helper(t == Type.INT ? OpenClHelpers.IDIV : OpenClHelpers.LDIV) + "(" + x + ", " + y + ")";
                    default -> x + " / " + y;
                };
                case REM -> switch (t) {
                    case INT, LONG -> safeDivisor(b.b()) ? x + " % " + y
                            : helper(t == Type.INT ? OpenClHelpers.IREM : OpenClHelpers.LREM) + "(" + x + ", " + y + ")";
                    default -> "fmod(" + x + ", " + y + ")"; // Java's float % truncates, like fmod
                };
                case AND -> x + " & " + y;
                case OR -> x + " | " + y;
                case XOR -> x + " ^ " + y;
                case SHL -> "(" + s + ")((" + u + ")" + x + " << " + shiftCount(b.b(), mask) + ")";
                case SHR -> x + " >> " + shiftCount(b.b(), mask);
                case USHR -> "(" + s + ")((" + u + ")" + x + " >> " + shiftCount(b.b(), mask) + ")";
            };
        }

        private static boolean safeDivisor(Value v) {
            if (!(v instanceof Value.Const c)) return false;
            long d = ((Number) c.value()).longValue();
            return d != 0 && d != -1;
        }

        /** Java masks the count (& 31 for int, & 63 for long); a constant count is masked here. */
        private String shiftCount(Value count, int mask) {
            if (count instanceof Value.Const c) return Integer.toString(((Number) c.value()).intValue() & mask);
            return "(" + value(count) + " & " + mask + ")";
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

        private String convert(Type from, Type to, String x) {
            if (from == to) return x;
            if (from == Type.BOOL) return "(" + x + " ? (" + type(to) + ")1 : (" + type(to) + ")0)";
            if (to == Type.BOOL) return "(" + x + " != 0)";
            if (from.isFloating() && to.isIntegral()) {
                OpenClHelpers h = switch (to) {
                    case LONG -> from == Type.FLOAT ? OpenClHelpers.F2L : OpenClHelpers.D2L;
                    default -> from == Type.FLOAT ? OpenClHelpers.F2I : OpenClHelpers.D2I;
                };
                String call = helper(h) + "(" + x + ")";
                return to == Type.BYTE ? "(char)" + call : call; // Java's f2i then i2b
            }
            // Integer narrowing truncates, widening sign-extends, int->float rounds to nearest: C casts do exactly that.
            return "(" + type(to) + ")" + x;
        }

        private String compare(Instr.Compare c) {
            String x = value(c.a()), y = value(c.b());
            String op = cOp(c.cond());
            if (!c.a().type().isFloating()) return x + " " + op + " " + y;
            // C's <, <=, >, >=, == are false on NaN (ordered); != is true on NaN (unordered).
            if (!c.unordered()) {
                return c.cond() == Op.Cond.NE ? "islessgreater(" + x + ", " + y + ")" : x + " " + op + " " + y;
            }
            return switch (c.cond()) {
                case NE -> x + " != " + y;
                case EQ -> "(" + x + " == " + y + " || isunordered(" + x + ", " + y + "))";
                // unordered a < b == !(a >= b): true when a or b is NaN
                default -> "!(" + x + " " + cOp(complement(c.cond())) + " " + y + ")";
            };
        }

        private static String cOp(Op.Cond c) {
            return switch (c) { case EQ -> "=="; case NE -> "!="; case LT -> "<"; case LE -> "<="; case GT -> ">"; case GE -> ">="; };
        }

        private static Op.Cond complement(Op.Cond c) {
            return switch (c) { case EQ -> Op.Cond.NE; case NE -> Op.Cond.EQ; case LT -> Op.Cond.GE; case LE -> Op.Cond.GT; case GT -> Op.Cond.LE; case GE -> Op.Cond.LT; };
        }

        private String call(Instr.Call c) {
            if (c.args().size() != c.fn().arity)
                throw unsupported(c.fn() + " takes " + c.fn().arity + " argument(s), got " + c.args().size());
            List<String> a = c.args().stream().map(this::value).toList();
            Type t = c.args().getFirst().type();
            boolean dbl = t == Type.DOUBLE;
            String args = String.join(", ", a);
            return switch (c.fn()) {
                case EXP, LOG, SQRT, RSQRT, TANH, SIN, COS, FLOOR, CEIL, ATAN2, FMA ->
                        c.fn().name().toLowerCase() + "(" + args + ")";
                case POW -> helper(dbl ? OpenClHelpers.DPOW : OpenClHelpers.FPOW) + "(" + args + ")";
                case SIGMOID -> helper(dbl ? OpenClHelpers.DSIGMOID : OpenClHelpers.FSIGMOID) + "(" + args + ")";
                case ISNAN -> "(isnan(" + args + ") != 0)";
                case ABS -> switch (t) {
                    // OpenCL's integer abs returns unsigned; the cast back gives Java's abs(MIN_VALUE) == MIN_VALUE.
                    case INT, LONG -> "(" + type(t) + ")abs(" + args + ")";
                    default -> "fabs(" + args + ")";
                };
                case MIN, MAX -> {
                    boolean min = c.fn() == Op.Intrinsic.MIN;
                    yield switch (t) {
                        case INT, LONG -> (min ? "min(" : "max(") + args + ")";
                        case FLOAT -> helper(min ? OpenClHelpers.FMIN : OpenClHelpers.FMAX) + "(" + args + ")";
                        case DOUBLE -> helper(min ? OpenClHelpers.DMIN : OpenClHelpers.DMAX) + "(" + args + ")";
                        default -> throw unsupported(c.fn() + " on " + t);
                    };
                }
            };
        }

        private String load(Instr.Load l) {
            // A char element converts to int with sign extension, as Java's baload does.
            return array(l.array()) + "[" + value(l.index()) + "]";
        }

        private String store(Instr.Store s) {
            String v = value(s.value());
            if (s.array().elementType() == Type.BYTE && s.value().type() != Type.BYTE) v = "(char)" + v;
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

        private String barrier(Instr.Barrier b) {
            if (b.scope() == Op.BarrierScope.GLOBAL)
                throw unsupported("globalBarrier() has no OpenCL equivalent: OpenCL can only synchronise the work-items of one "
                        + "work-group. Split the kernel into two tasks at the barrier, or run it on the java backend");
            return "barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE);";
        }

        private String atomicAdd(Instr.AtomicAdd a) {
            if (a.array().elementType() != Type.INT && a.array().elementType() != Type.LONG)
                throw unsupported("atomicAdd on " + a.array().elementType() + " arrays (only int and long arrays are supported)");
            if (a.array().elementType() == Type.LONG) usesLongAtomics = true;
            String fn = a.array().elementType() == Type.LONG ? "atom_add" : "atomic_add";
            String call = fn + "(&" + array(a.array()) + "[" + value(a.index()) + "], " + value(a.value()) + ")";
            return a.dst() == null ? call + ";" : assign(a.dst(), call);
        }

        private String helper(OpenClHelpers h) {
            helpers.add(h);
            return h.function;
        }

        private UnsupportedOperationException unsupported(String what) {
            StringJoiner where = new StringJoiner(", ");
            where.add(k.source);
            if (current != null) where.add("block " + current.label() + (current.origin == null || current.origin.isEmpty() ? "" : " (" + current.origin + ")"));
            return new UnsupportedOperationException("cannot render kernel for OpenCL: " + what + " [" + where + "]");
        }
    }
}
