package org.trm4j.jit.ptx;

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
import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static org.trm4j.jit.ptx.PtxTypes.arith;
import static org.trm4j.jit.ptx.PtxTypes.bits;

/**
 * Renders a kernel's IR as a PTX module with one {@code .visible .entry}.
 *
 * <p>Shape of the output: one typed virtual register per IR register (plus temporaries), every
 * block a label, every jump a {@code bra}. Parameters follow {@link KernelAbi}: array parameters are
 * {@code .param .u64} pointers, each followed by a hidden {@code .param .u32 <name>_len}; local arrays
 * are {@code .shared} arrays of the entry.
 *
 * <p>It renders the output of {@link JavaSemantics} (shift masks, division guards, saturating
 * conversions, Math.min/max/pow are IR by then; PTX keeps its unordered compares, {@code setp.ltu}...).
 * What is left is PTX's own: bit-exact hex constants, {@code .rn} on every float add/sub/mul/div/sqrt so
 * ptxas never contracts to fma, and double-precision helpers ({@link PtxMath}) for the transcendental
 * functions.
 */
public final class PtxRenderer {
    private PtxRenderer() {}

    /** The kernel as PTX for {@link PtxTarget#DEFAULT}. */
    public static String render(Kernel k) { return render(k, PtxTarget.DEFAULT); }

    public static String render(Kernel k, PtxTarget target) {
        return new Emitter(JavaSemantics.lower(k, "PTX", JavaSemantics.PTX), target).emit();
    }

    /** The entry's name in the module, for cuModuleGetFunction (it differs from k.name only when that is not a PTX identifier). */
    public static String entryName(Kernel k) { return new PtxNames().claim(k.name); }

    private static final class Emitter {
        private final Kernel k;
        private final PtxTarget target;
        private final PtxNames names = new PtxNames();
        private final PtxRegisters regs = new PtxRegisters();
        private final Map<Integer, String> regNames = new HashMap<>();
        /** Global arrays: the register holding the global-space base address. Local arrays: the .shared variable. */
        private final Map<ArrayRef, String> arrayBase = new IdentityHashMap<>();
        private final Map<Param.Array, String> lengthRegs = new IdentityHashMap<>();
        private final EnumSet<PtxMath> helpers = EnumSet.noneOf(PtxMath.class);
        private final StringBuilder body = new StringBuilder();
        private Block current;

        Emitter(Kernel k, PtxTarget target) {
            this.k = k;
            this.target = target;
        }

        String emit() {
            String entry = names.claim(k.name);
            List<String> params = new ArrayList<>();
            StringBuilder prologue = new StringBuilder();
            // IR registers first, so their numbers follow the IR's order.
            for (Value.Reg r : k.regs) regNames.put(r.id(), regs.fresh(r.type()));
            for (Value.Reg r : k.regs)
                prologue.append(line("mov" + arith(r.type()) + " " + reg(r) + ", " + zero(r.type()) + ";  // " + r));
            String pn = null;
            for (KernelAbi.Slot slot : KernelAbi.slots(k)) {
                switch (slot) {
                    case KernelAbi.Buffer(var i, var a) -> {
                        pn = names.claim("param_" + a.javaIndex() + "_" + a.name());
                        params.add(".param .u64 " + pn);
                        String raw = regs.fresh(PtxTypes.RegClass.B64), base = regs.fresh(PtxTypes.RegClass.B64);
                        prologue.append(line("ld.param.u64 " + raw + ", [" + pn + "];"));
                        prologue.append(line("cvta.to.global.u64 " + base + ", " + raw + ";  // " + a.name() + " (" + a.elementType() + "[])"));
                        arrayBase.put(a, base);
                    }
                    case KernelAbi.Length(var i, var a) -> {
                        String len = names.claim(pn + "_len"), lr = regs.fresh(PtxTypes.RegClass.B32);
                        params.add(".param .u32 " + len);
                        prologue.append(line("ld.param.u32 " + lr + ", [" + len + "];"));
                        lengthRegs.put(a, lr);
                    }
                    case KernelAbi.Scalar(var i, var s) -> {
                        String n = names.claim("param_" + s.javaIndex() + "_" + s.name());
                        Type t = s.reg().type();
                        params.add(".param " + PtxTypes.declaration(t) + " " + n);
                        prologue.append(line("ld.param" + PtxTypes.declaration(t) + " " + reg(s.reg()) + ", [" + n + "];"));
                    }
                }
            }
            StringBuilder shared = new StringBuilder();
            for (LocalArray l : k.localArrays) {
                String n = names.claim("shared_" + l.name());
                int align = Math.max(4, l.elementType().bytes());
                shared.append("    .shared .align ").append(align).append(' ').append(PtxTypes.declaration(l.elementType()))
                        .append(' ').append(n).append('[').append(Math.max(1, l.length())).append("];\n");
                String base = regs.fresh(PtxTypes.RegClass.B32);
                prologue.append(line("mov.u32 " + base + ", " + n + ";  // " + l.name() + " (local " + l.elementType() + "[" + l.length() + "])"));
                arrayBase.put(l, base);
            }

            for (int i = 0; i < k.blocks.size(); i++) emitBlock(k.blocks.get(i), i + 1 < k.blocks.size() ? k.blocks.get(i + 1) : null);

            StringBuilder out = new StringBuilder();
            out.append("// ").append(k.source).append(": generated by trm4j\n");
            out.append(".version ").append(target.isaVersion()).append('\n');
            out.append(".target ").append(target.arch()).append('\n');
            out.append(".address_size 64\n\n");
            for (PtxMath h : withDependencies(helpers)) out.append(h.source()).append('\n');
            out.append(".visible .entry ").append(entry).append('(');
            if (!params.isEmpty()) out.append("\n    ").append(String.join(",\n    ", params)).append('\n');
            out.append(")\n{\n");
            out.append(regs.declarations("    "));
            out.append(shared);
            out.append('\n').append(prologue).append(body);
            out.append("}\n");
            return out.toString();
        }

        private static EnumSet<PtxMath> withDependencies(EnumSet<PtxMath> used) {
            EnumSet<PtxMath> all = EnumSet.copyOf(used.isEmpty() ? EnumSet.noneOf(PtxMath.class) : used);
            for (PtxMath m : used) all.addAll(m.needs);
            return all; // EnumSet iterates in declaration order: callees are declared before callers
        }

        private static String line(String s) { return "    " + s + "\n"; }

        private void emit(String s) { body.append("    ").append(s).append('\n'); }

        private void emitBlock(Block b, Block next) {
            current = b;
            body.append(b.label()).append(':');
            if (b.origin != null && !b.origin.isEmpty()) body.append("  // ").append(b.origin.replace('\n', ' '));
            body.append('\n');
            for (Instr i : b.instrs) instr(i);
            terminator(b.terminator, next);
        }

        private void terminator(Terminator t, Block next) {
            switch (t) {
                case null -> throw unsupported("block " + current.label() + " has no terminator");
                case Terminator.Return r -> emit("ret;");
                case Terminator.Jump j -> { if (j.target() != next) emit("bra.uni " + j.target().label() + ";"); }
                case Terminator.Branch br -> {
                    String c = pred(br.cond());
                    if (br.ifFalse() == next) emit("@" + c + " bra " + br.ifTrue().label() + ";");
                    else if (br.ifTrue() == next) emit("@!" + c + " bra " + br.ifFalse().label() + ";");
                    else {
                        emit("@" + c + " bra " + br.ifTrue().label() + ";");
                        emit("bra.uni " + br.ifFalse().label() + ";");
                    }
                }
            }
        }

        // ---- operands ----

        private String reg(Value.Reg r) {
            String n = regNames.get(r.id());
            if (n == null) throw unsupported("register " + r + " is not declared in the kernel");
            return n;
        }

        /** A source operand: a register, or an exact immediate (predicate constants go through a register). */
        private String src(Value v) {
            return switch (v) {
                case Value.Reg r -> reg(r);
                case Value.Const c -> c.type() == Type.BOOL ? pred(c) : PtxTypes.immediate(c);
            };
        }

        /** A register holding v (constants are moved into a temporary). */
        private String inReg(Value v) {
            if (v instanceof Value.Reg r) return reg(r);
            String t = regs.fresh(v.type());
            emit("mov" + arith(v.type()) + " " + t + ", " + PtxTypes.immediate((Value.Const) v) + ";");
            return t;
        }

        private String pred(Value v) { return inReg(v); }

        private String temp(Type t) { return regs.fresh(t); }

        // ---- instructions ----

        private void instr(Instr i) {
            switch (i) {
                case Instr.Move m -> emit("mov" + arith(m.dst().type()) + " " + reg(m.dst()) + ", " + src(m.src()) + ";");
                case Instr.Binary b -> binary(b);
                case Instr.Unary u -> unary(u);
                case Instr.Convert c -> convert(reg(c.dst()), c.dst().type(), c.src());
                case Instr.Bitcast c -> emit("mov.b" + 8 * c.dst().type().bytes() + " " + reg(c.dst()) + ", " + src(c.src()) + ";");
                case Instr.Compare c -> compare(c);
                case Instr.Select s -> select(s);
                case Instr.Call c -> call(c);
                case Instr.Load l when l.array().elementType() == Type.HALF -> {
                    // Halves are storage: load the 16 bits, widen exactly.
                    String bits = temp(Type.HALF);
                    emit("ld" + space(l.array()) + ".b16 " + bits + ", " + address(l.array(), l.index()) + ";");
                    emit("cvt.f32.f16 " + reg(l.dst()) + ", " + bits + ";");
                }
                case Instr.Load l -> emit("ld" + space(l.array()) + PtxTypes.memory(l.array().elementType()) + " " + reg(l.dst()) + ", " + address(l.array(), l.index()) + ";");
                case Instr.Store s -> store(s);
                case Instr.ArrayLength a -> emit("mov.b32 " + reg(a.dst()) + ", " + length(a.array()) + ";");
                case Instr.Thread t -> thread(reg(t.dst()), t.query(), t.dim());
                case Instr.Barrier b -> barrier(b);
                case Instr.AtomicAdd a -> atomicAdd(a);
            }
        }

        private String length(Param.Array a) {
            String r = lengthRegs.get(a);
            if (r == null) throw unsupported("array " + a.name() + " is not a parameter of the kernel");
            return r;
        }

        private void binary(Instr.Binary b) {
            Type t = b.dst().type();
            String d = reg(b.dst()), x = src(b.a()), y = src(b.b());
            boolean floating = t.isFloating();
            String w = t == Type.LONG ? "64" : "32";
            switch (b.op()) {
                // .rn forbids ptxas to contract a mul and an add into an fma (Java rounds each step).
                case ADD -> emit((floating ? "add.rn" : "add") + arith(t) + " " + d + ", " + x + ", " + y + ";");
                case SUB -> emit((floating ? "sub.rn" : "sub") + arith(t) + " " + d + ", " + x + ", " + y + ";");
                case MUL -> emit((floating ? "mul.rn" : "mul.lo") + arith(t) + " " + d + ", " + x + ", " + y + ";");
                case DIV -> emit((floating ? "div.rn" : "div") + arith(t) + " " + d + ", " + x + ", " + y + ";"); // divisor not 0 or -1 after JavaSemantics
                case REM -> {
                    if (floating) mathCall(d, t, PtxMath.FMOD, List.of(x, y));
                    else emit("rem" + arith(t) + " " + d + ", " + x + ", " + y + ";");
                }
                case AND -> emit("and" + bits(t) + " " + d + ", " + x + ", " + y + ";");
                case OR -> emit("or" + bits(t) + " " + d + ", " + x + ", " + y + ";");
                case XOR -> emit("xor" + bits(t) + " " + d + ", " + x + ", " + y + ";");
                // counts are in range after JavaSemantics
                case SHL -> emit("shl.b" + w + " " + d + ", " + x + ", " + y + ";");
                case SHR -> emit("shr.s" + w + " " + d + ", " + x + ", " + y + ";");
                case USHR -> emit("shr.u" + w + " " + d + ", " + x + ", " + y + ";");
            }
        }

        private void unary(Instr.Unary u) {
            Type t = u.dst().type();
            String d = reg(u.dst()), x = src(u.a());
            switch (u.op()) {
                case NOT -> emit("not.pred " + d + ", " + x + ";");
                case NEG -> emit("neg" + arith(t) + " " + d + ", " + x + ";"); // int wraps; float flips the sign bit (-0.0, NaN too)
            }
        }

        /** d (of type to) = (to) v; a float -> int conversion only sees values in range after JavaSemantics. */
        private void convert(String d, Type to, Value v) {
            Type from = v.type();
            String x = v instanceof Value.Const ? inReg(v) : src(v);
            if (from == to) emit("mov" + arith(to) + " " + d + ", " + x + ";");
            else if (from.isFloating() && !to.isFloating()) emit("cvt.rzi" + arith(to) + arith(from) + " " + d + ", " + x + ";");
            else if (!from.isFloating() && to.isFloating()) emit("cvt.rn" + arith(to) + arith(from) + " " + d + ", " + x + ";");
            else if (from == Type.FLOAT && to == Type.DOUBLE) emit("cvt.f64.f32 " + d + ", " + x + ";");
            else if (from == Type.DOUBLE && to == Type.FLOAT) emit("cvt.rn.f32.f64 " + d + ", " + x + ";");
            else if (to == Type.LONG) emit("cvt.s64.s32 " + d + ", " + x + ";");   // int -> long sign-extends
            else if (from == Type.LONG) emit("cvt.u32.u64 " + d + ", " + x + ";"); // long -> int keeps the low bits
            else throw unsupported("conversion " + from + " -> " + to);
        }

        private void compare(Instr.Compare c) {
            Type t = c.a().type();
            String d = reg(c.dst());
            String cond = switch (c.cond()) {
                case EQ -> "eq"; case NE -> "ne"; case LT -> "lt"; case LE -> "le"; case GT -> "gt"; case GE -> "ge";
            };
            // Ordered float compares are false on NaN (ne too); the unordered forms (ltu, neu...) are true.
            if (t.isFloating() && c.unordered()) cond += "u";
            emit("setp." + cond + arith(t) + " " + d + ", " + src(c.a()) + ", " + src(c.b()) + ";");
        }

        /** selp (JavaSemantics turns selects between booleans, which selp cannot do, into and/or). */
        private void select(Instr.Select s) {
            emit("selp" + bits(s.dst().type()) + " " + reg(s.dst()) + ", " + src(s.a()) + ", " + src(s.b()) + ", " + pred(s.cond()) + ";");
        }

        private void call(Instr.Call c) {
            Type t = c.args().getFirst().type();
            String d = reg(c.dst());
            String a = src(c.args().getFirst());
            String sfx = arith(t);
            switch (c.fn()) {
                case SQRT -> emit("sqrt.rn" + sfx + " " + d + ", " + a + ";");
                case FMA -> emit("fma.rn" + sfx + " " + d + ", " + a + ", " + src(c.args().get(1)) + ", " + src(c.args().get(2)) + ";");
                case FLOOR -> emit("cvt.rmi" + sfx + sfx + " " + d + ", " + inReg(c.args().getFirst()) + ";");
                case CEIL -> emit("cvt.rpi" + sfx + sfx + " " + d + ", " + inReg(c.args().getFirst()) + ";");
                case ISNAN -> emit("setp.nan" + sfx + " " + d + ", " + a + ", " + a + ";");
                case ABS -> {
                    if (t.isFloating()) emit("abs" + sfx + " " + d + ", " + a + ";");
                    else {
                        // max(x, -x) with wrapping negation: abs(MIN_VALUE) == MIN_VALUE, as in Java
                        String n = temp(t);
                        emit("neg" + sfx + " " + n + ", " + a + ";");
                        emit("max" + sfx + " " + d + ", " + a + ", " + n + ";");
                    }
                }
                case MIN, MAX -> emit(c.fn().name().toLowerCase() + sfx + " " + d + ", " + a + ", " + src(c.args().get(1)) + ";"); // integers only, after JavaSemantics
                case EXP -> {
                    if (t == Type.FLOAT) expFloat(d, a);
                    else mathCall(d, t, PtxMath.EXP, operands(c));
                }
                case LOG -> mathCall(d, t, PtxMath.LOG, operands(c));
                case SIN -> mathCall(d, t, PtxMath.SIN, operands(c));
                case COS -> mathCall(d, t, PtxMath.COS, operands(c));
                case TANH -> mathCall(d, t, PtxMath.TANH, operands(c));
                case POW -> mathCall(d, t, PtxMath.POW, operands(c));
                case ATAN2 -> mathCall(d, t, PtxMath.ATAN2, operands(c));
                case SIGMOID, RSQRT -> throw unsupported(c.fn() + " survived JavaSemantics");
            }
        }

        /** Registers start at zero, as the OpenCL renderer's locals do: no path reads an undefined value. */
        private static String zero(Type t) {
            return switch (t) {
                case FLOAT -> PtxTypes.f32(0);
                case DOUBLE -> PtxTypes.f64(0);
                default -> "0";
            };
        }

        private String materialize(String immediate, Type t) {
            String r = temp(t);
            emit("mov" + arith(t) + " " + r + ", " + immediate + ";");
            return r;
        }

        /**
         * float exp: 2^(x log2 e) with ex2.approx (2 ulp), plus the rounding error of x*log2(e) as a
         * first-order correction, so that large |x| keeps ~1e-6 relative accuracy.
         */
        private void expFloat(String d, String x) {
            float log2e = (float) (1 / Math.log(2));
            float log2eLo = (float) (1 / Math.log(2) - log2e);
            String t = temp(Type.FLOAT), nt = temp(Type.FLOAT), e = temp(Type.FLOAT), p = temp(Type.FLOAT), fin = temp(Type.BOOL);
            String xr = x.startsWith("%") ? x : materialize(x, Type.FLOAT);
            emit("mul.rn.f32 " + t + ", " + xr + ", " + PtxTypes.f32(log2e) + ";  // exp(x) = 2^(x log2 e)");
            emit("neg.f32 " + nt + ", " + t + ";");
            emit("fma.rn.f32 " + e + ", " + xr + ", " + PtxTypes.f32(log2e) + ", " + nt + ";  // rounding error of the product");
            emit("fma.rn.f32 " + e + ", " + xr + ", " + PtxTypes.f32(log2eLo) + ", " + e + ";");
            emit("testp.finite.f32 " + fin + ", " + xr + ";");
            emit("selp.f32 " + e + ", " + e + ", " + PtxTypes.f32(0) + ", " + fin + ";");
            emit("mul.rn.f32 " + e + ", " + e + ", " + PtxTypes.f32((float) Math.log(2)) + ";");
            emit("add.rn.f32 " + e + ", " + e + ", " + PtxTypes.f32(1) + ";");
            emit("ex2.approx.f32 " + p + ", " + t + ";");
            emit("mul.rn.f32 " + d + ", " + p + ", " + e + ";");
        }

        private List<String> operands(Instr.Call c) { return c.args().stream().map(this::src).toList(); }

        /**
         * d = helper(args) in double precision; float arguments widen exactly and the result rounds once.
         * {@code args} are registers or immediates of type t.
         */
        private void mathCall(String d, Type t, PtxMath fn, List<String> args) {
            if (!t.isFloating()) throw unsupported(fn.function + " of " + t);
            helpers.add(fn);
            List<String> wide = new ArrayList<>();
            for (String s : args) {
                String r = s.startsWith("%") ? s : materialize(s, t);
                if (t == Type.DOUBLE) wide.add(r);
                else {
                    String w = temp(Type.DOUBLE);
                    emit("cvt.f64.f32 " + w + ", " + r + ";");
                    wide.add(w);
                }
            }
            String r = t == Type.DOUBLE ? d : temp(Type.DOUBLE);
            body.append(PtxCalls.call(fn.function, r, wide, "    "));
            if (t == Type.FLOAT) emit("cvt.rn.f32.f64 " + d + ", " + r + ";");
        }

        // ---- memory ----

        private static String space(ArrayRef a) { return a instanceof LocalArray ? ".shared" : ".global"; }

        private String base(ArrayRef a) {
            String b = arrayBase.get(a);
            if (b == null) throw unsupported("array " + a.name() + " is neither a parameter nor a local array of the kernel");
            return b;
        }

        /** [address] of a[index]: global arrays use 64-bit addresses, shared ones 32-bit. */
        private String address(ArrayRef a, Value index) {
            int size = a.elementType().bytes();
            String base = base(a);
            if (index instanceof Value.Const c) {
                long off = (long) ((Number) c.value()).intValue() * size;
                if (off >= 0 && off < Integer.MAX_VALUE) return "[" + base + (off == 0 ? "" : "+" + off) + "]";
            }
            String i = src(index);
            if (a instanceof LocalArray) {
                String r = temp(Type.INT);
                emit("mad.lo.s32 " + r + ", " + i + ", " + size + ", " + base + ";");
                return "[" + r + "]";
            }
            String off = temp(Type.LONG), r = temp(Type.LONG);
            emit("mul.wide.s32 " + off + ", " + i + ", " + size + ";");
            emit("add.s64 " + r + ", " + base + ", " + off + ";");
            return "[" + r + "]";
        }

        private void store(Instr.Store s) {
            Type e = s.array().elementType();
            String addr = address(s.array(), s.index());
            if (e == Type.HALF) {
                // Round to nearest even, as Float.floatToFloat16 does.
                String f = temp(Type.FLOAT), bits = temp(Type.HALF);
                emit("mov.f32 " + f + ", " + src(s.value()) + ";");
                emit("cvt.rn.f16.f32 " + bits + ", " + f + ";");
                emit("st" + space(s.array()) + ".b16 " + addr + ", " + bits + ";");
                return;
            }
            // st.b8 keeps the low byte of a 32-bit register: Java's truncating (byte) store.
            // st.b16 likewise for short and char.
            String type = e == Type.BYTE ? ".b8" : e == Type.SHORT || e == Type.CHAR ? ".b16" : PtxTypes.memory(e);
            emit("st" + space(s.array()) + type + " " + addr + ", " + src(s.value()) + ";");
        }

        private void atomicAdd(Instr.AtomicAdd a) {
            if (a.array().elementType() != Type.INT && a.array().elementType() != Type.LONG)
                throw unsupported("atomicAdd on " + a.array().elementType() + " arrays (only int and long arrays are supported)");
            String addr = address(a.array(), a.index());
            String width = a.array().elementType() == Type.LONG ? ".add.u64 " : ".add.u32 ";
            if (a.dst() == null) emit("red" + space(a.array()) + width + addr + ", " + src(a.value()) + ";");
            else emit("atom" + space(a.array()) + width + reg(a.dst()) + ", " + addr + ", " + src(a.value()) + ";");
        }

        private void thread(String d, Op.ThreadQuery q, int dim) {
            String x = switch (dim) { case 0 -> ".x"; case 1 -> ".y"; case 2 -> ".z"; default -> throw unsupported("dimension " + dim); };
            switch (q) {
                case LOCAL_ID -> emit("mov.u32 " + d + ", %tid" + x + ";");
                case GROUP_ID -> emit("mov.u32 " + d + ", %ctaid" + x + ";");
                case LOCAL_SIZE -> emit("mov.u32 " + d + ", %ntid" + x + ";");
                case GLOBAL_ID -> {
                    String c = temp(Type.INT), n = temp(Type.INT), t = temp(Type.INT);
                    emit("mov.u32 " + c + ", %ctaid" + x + ";");
                    emit("mov.u32 " + n + ", %ntid" + x + ";");
                    emit("mov.u32 " + t + ", %tid" + x + ";");
                    emit("mad.lo.s32 " + d + ", " + c + ", " + n + ", " + t + ";  // global id = group id * group size + local id");
                }
                case GLOBAL_SIZE -> {
                    String c = temp(Type.INT), n = temp(Type.INT);
                    emit("mov.u32 " + c + ", %nctaid" + x + ";");
                    emit("mov.u32 " + n + ", %ntid" + x + ";");
                    emit("mul.lo.s32 " + d + ", " + c + ", " + n + ";  // global size = groups * group size");
                }
            }
        }

        /** A block barrier (JavaSemantics refuses grid-wide ones for PTX: an ordinary launch has none). */
        private void barrier(Instr.Barrier b) { emit("bar.sync 0;  // barrier: the block's threads, shared and global memory ordered"); }

        private UnsupportedOperationException unsupported(String what) { return k.unsupported("PTX", current, what); }
    }
}
