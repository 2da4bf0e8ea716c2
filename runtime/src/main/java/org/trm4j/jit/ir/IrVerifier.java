package org.trm4j.jit.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Checks that a kernel's IR is well formed: every block has a terminator, branch targets belong to
 * the kernel, block ids match their position, registers belong to the kernel, and operand types fit
 * each instruction. Run after every pass; a failure is a bug in the pass, not in the user's kernel.
 */
public final class IrVerifier {
    private IrVerifier() {}

    /** The IR broke an invariant: an internal error of the JIT. The message holds the printed IR. */
    public static final class InvalidIrException extends IllegalStateException {
        public final List<String> problems;

        InvalidIrException(String message, List<String> problems) {
            super(message);
            this.problems = List.copyOf(problems);
        }
    }

    public static void verify(Kernel k) { verify(k, "front end"); }

    /** Throws {@link InvalidIrException} naming the kernel and the stage, with every problem and the IR. */
    public static void verify(Kernel k, String stage) {
        List<String> problems = new IrVerifier.Checker(k).check();
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder("internal error: invalid IR for kernel ").append(k.name)
                    .append(" (").append(k.source).append(") after ").append(stage).append(":\n");
            for (String p : problems) sb.append("  - ").append(p).append('\n');
            sb.append(IrPrinter.print(k));
            throw new InvalidIrException(sb.toString(), problems);
        }
    }

    private static final class Checker {
        final Kernel k;
        final List<String> problems = new ArrayList<>();
        final Set<Block> blocks = Collections.newSetFromMap(new IdentityHashMap<>());
        String where = "";

        Checker(Kernel k) { this.k = k; }

        List<String> check() {
            if (k.blocks.isEmpty()) problems.add("kernel has no blocks");
            blocks.addAll(k.blocks);
            for (int i = 0; i < k.regs.size(); i++)
                if (k.regs.get(i).id() != i) problems.add("register " + k.regs.get(i) + " has id " + k.regs.get(i).id() + " at index " + i);
            for (Param p : k.params)
                if (p instanceof Param.Scalar s) {
                    reg(s.reg());
                    if (s.reg().type() == Type.BOOL || s.reg().type() == Type.BYTE) problem("scalar parameter " + s.name() + " has type " + s.reg().type());
                }
            for (int i = 0; i < k.blocks.size(); i++) {
                Block b = k.blocks.get(i);
                where = b.label();
                if (b.id != i) problem("block id " + b.id + " at position " + i);
                for (Instr in : b.instrs) {
                    where = b.label() + ": " + in;
                    instr(in);
                }
                where = b.label() + " terminator";
                terminator(b.terminator);
            }
            for (ParallelDim d : k.parallelDims)
                if (d.dim() < 0 || d.dim() > 2) problems.add("parallel dimension " + d.dim() + " out of range");
            return problems;
        }

        void problem(String what) { problems.add(where + ": " + what); }

        void terminator(Terminator t) {
            switch (t) {
                case null -> problem("block has no terminator");
                case Terminator.Jump j -> target(j.target());
                case Terminator.Branch br -> {
                    expect(br.cond(), Type.BOOL, "branch condition");
                    target(br.ifTrue());
                    target(br.ifFalse());
                }
                case Terminator.Return r -> {}
            }
        }

        void target(Block b) {
            if (b == null || !blocks.contains(b)) problem("branch target " + b + " is not a block of this kernel");
        }

        void instr(Instr in) {
            switch (in) {
                case Instr.Move mv -> same(mv.dst(), mv.src(), "move");
                case Instr.Binary bi -> {
                    Type t = bi.dst().type();
                    value(bi.a());
                    value(bi.b());
                    same(bi.dst(), bi.a(), "binary operand a");
                    switch (bi.op()) {
                        case SHL, SHR, USHR -> {
                            if (t != Type.INT && t != Type.LONG) problem("shift of " + t);
                            expect(bi.b(), Type.INT, "shift count");
                        }
                        case AND, OR, XOR -> {
                            if (t != Type.INT && t != Type.LONG && t != Type.BOOL) problem("bit operation on " + t);
                            same(bi.dst(), bi.b(), "binary operand b");
                        }
                        default -> {
                            if (!arith(t)) problem("arithmetic on " + t);
                            same(bi.dst(), bi.b(), "binary operand b");
                        }
                    }
                }
                case Instr.Unary u -> {
                    same(u.dst(), u.a(), "unary operand");
                    if (u.op() == Op.Unary.NOT && u.dst().type() != Type.BOOL) problem("NOT of " + u.dst().type());
                    if (u.op() == Op.Unary.NEG && !arith(u.dst().type())) problem("NEG of " + u.dst().type());
                }
                case Instr.Convert c -> {
                    reg(c.dst());
                    value(c.src());
                    if (!arith(c.dst().type()) || !arith(c.src().type())) problem("conversion " + c.src().type() + " -> " + c.dst().type());
                }
                case Instr.Bitcast c -> {
                    reg(c.dst());
                    value(c.src());
                    if (c.src() != null && c.dst().type().bytes() != c.src().type().bytes()
                            || !arith(c.dst().type()) || c.src() != null && !arith(c.src().type()) || c.src() != null && c.src().type() == c.dst().type())
                        problem("bitcast " + (c.src() == null ? null : c.src().type()) + " -> " + c.dst().type());
                }
                case Instr.Compare c -> {
                    expect(c.dst(), Type.BOOL, "compare result");
                    value(c.a());
                    value(c.b());
                    if (c.a().type() != c.b().type()) problem("compare of " + c.a().type() + " with " + c.b().type());
                    if (c.unordered() && !c.a().type().isFloating()) problem("unordered compare of integers");
                }
                case Instr.Select s -> {
                    expect(s.cond(), Type.BOOL, "select condition");
                    same(s.dst(), s.a(), "select operand a");
                    same(s.dst(), s.b(), "select operand b");
                }
                case Instr.Call c -> call(c);
                case Instr.Load l -> {
                    reg(l.dst());
                    array(l.array());
                    expect(l.index(), Type.INT, "load index");
                    Type want = l.array().elementType().valueType();
                    if (l.dst().type() != want) problem("load of " + l.array().elementType() + " into " + l.dst().type());
                }
                case Instr.Store s -> {
                    array(s.array());
                    expect(s.index(), Type.INT, "store index");
                    value(s.value());
                    Type want = s.array().elementType().valueType();
                    if (s.value().type() != want) problem("store of " + s.value().type() + " into " + s.array().elementType() + " array");
                }
                case Instr.ArrayLength a -> {
                    expect(a.dst(), Type.INT, "array length");
                    array(a.array());
                }
                case Instr.Thread t -> {
                    expect(t.dst(), Type.INT, "thread query");
                    if (t.dim() < 0 || t.dim() > 2) problem("dimension " + t.dim());
                }
                case Instr.Barrier b -> {}
                case Instr.AtomicAdd a -> {
                    Type t = a.array().elementType();
                    if (a.dst() != null) expect(a.dst(), t, "atomic result");
                    array(a.array());
                    if (t != Type.INT && t != Type.LONG) problem("atomicAdd on " + t + " array");
                    expect(a.index(), Type.INT, "atomic index");
                    expect(a.value(), t, "atomic value");
                }
            }
        }

        void call(Instr.Call c) {
            reg(c.dst());
            if (c.args().size() != c.fn().arity) problem(c.fn() + " takes " + c.fn().arity + " arguments, got " + c.args().size());
            for (Value v : c.args()) value(v);
            if (c.args().isEmpty()) return;
            Type argType = c.args().getFirst().type();
            for (Value v : c.args()) if (v.type() != argType) problem(c.fn() + " with mixed argument types");
            if (c.fn() == Op.Intrinsic.ISNAN) {
                if (c.dst().type() != Type.BOOL) problem("ISNAN must return BOOL");
                if (!argType.isFloating()) problem("ISNAN of " + argType);
                return;
            }
            if (c.dst().type() != argType) problem(c.fn() + " of " + argType + " returns " + c.dst().type());
            boolean intOk = c.fn() == Op.Intrinsic.ABS || c.fn() == Op.Intrinsic.MIN || c.fn() == Op.Intrinsic.MAX;
            if (!argType.isFloating() && !(intOk && (argType == Type.INT || argType == Type.LONG)))
                problem(c.fn() + " of " + argType);
        }

        static boolean arith(Type t) { return t == Type.INT || t == Type.LONG || t == Type.FLOAT || t == Type.DOUBLE; }

        void array(ArrayRef a) {
            boolean known = switch (a) {
                case Param.Array p -> k.params.contains(p);
                case LocalArray l -> k.localArrays.contains(l);
            };
            if (!known) problem("array " + a.name() + " is neither a parameter nor a local array of this kernel");
        }

        void same(Value.Reg dst, Value v, String what) {
            reg(dst);
            value(v);
            if (v != null && dst.type() != v.type()) problem(what + " has type " + v.type() + ", expected " + dst.type());
        }

        void expect(Value v, Type t, String what) {
            value(v);
            if (v != null && v.type() != t) problem(what + " has type " + v.type() + ", expected " + t);
        }

        void value(Value v) {
            switch (v) {
                case null -> problem("missing operand");
                case Value.Reg r -> reg(r);
                case Value.Const c -> {
                    boolean ok = switch (c.type()) {
                        case BOOL -> c.value() instanceof Boolean;
                        case INT, BYTE -> c.value() instanceof Integer;
                        case LONG -> c.value() instanceof Long;
                        case FLOAT -> c.value() instanceof Float;
                        case HALF, SHORT, CHAR -> false;
                        case DOUBLE -> c.value() instanceof Double;
                    };
                    if (!ok) problem("constant " + c.value() + " does not match type " + c.type());
                }
            }
        }

        void reg(Value.Reg r) {
            if (r == null) { problem("missing register"); return; }
            if (r.id() < 0 || r.id() >= k.regs.size() || !k.regs.get(r.id()).equals(r)) problem("register " + r + " does not belong to this kernel");
        }
    }
}
