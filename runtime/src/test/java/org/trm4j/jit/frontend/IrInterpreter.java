package org.trm4j.jit.frontend;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
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

/**
 * Runs a Kernel's IR on the JVM, one work-item after another, with Java semantics. Barriers are
 * not supported (work-items run to completion one by one); local arrays are per work-item.
 * Good enough to compare the front end's IR with calling the Java method directly.
 */
final class IrInterpreter {
    private final Kernel k;
    private final Object[] args;
    private final int[] global, local;

    /** {@code args} are indexed like the Java method's parameters (the KernelContext slot is ignored). */
    IrInterpreter(Kernel k, Object[] args, int[] global, int[] local) {
        this.k = k;
        this.args = args;
        this.global = pad(global);
        this.local = pad(local);
    }

    private static int[] pad(int[] a) {
        int[] r = {1, 1, 1};
        System.arraycopy(a, 0, r, 0, a.length);
        return r;
    }

    static void run(Kernel k, Object[] args, int... global) {
        new IrInterpreter(k, args, global, new int[]{1}).runGrid();
    }

    void runGrid() {
        for (int z = 0; z < global[2]; z++)
            for (int y = 0; y < global[1]; y++)
                for (int x = 0; x < global[0]; x++) runItem(new int[]{x, y, z});
    }

    private void runItem(int[] id) {
        Object[] regs = new Object[k.regs.size()];
        Map<LocalArray, Object> locals = new HashMap<>();
        for (Param p : k.params)
            if (p instanceof Param.Scalar s) regs[s.reg().id()] = toRegValue(args[s.javaIndex()], s.reg().type());
        Block b = k.entry();
        long steps = 0;
        while (true) {
            for (Instr in : b.instrs) exec(in, regs, id, locals);
            if (++steps > 50_000_000) throw new IllegalStateException("interpreter: too many steps");
            switch (b.terminator) {
                case Terminator.Jump j -> b = j.target();
                case Terminator.Branch br -> b = (Boolean) eval(br.cond(), regs) ? br.ifTrue() : br.ifFalse();
                case Terminator.Return r -> { return; }
            }
        }
    }

    private static Object toRegValue(Object o, Type t) {
        return switch (o) {
            case Boolean bo -> bo ? 1 : 0;
            case Character c -> (int) c;
            case Byte by -> (int) by;
            case Short sh -> (int) sh;
            default -> o;
        };
    }

    private static Object eval(Value v, Object[] regs) {
        return switch (v) {
            case Value.Reg r -> {
                Object o = regs[r.id()];
                if (o == null) throw new IllegalStateException("read of unset register " + r);
                yield o;
            }
            case Value.Const c -> c.value();
        };
    }

    private void exec(Instr in, Object[] regs, int[] id, Map<LocalArray, Object> locals) {
        switch (in) {
            case Instr.Move m -> regs[m.dst().id()] = eval(m.src(), regs);
            case Instr.Binary bi -> regs[bi.dst().id()] = binary(bi.op(), eval(bi.a(), regs), eval(bi.b(), regs));
            case Instr.Unary u -> {
                Object a = eval(u.a(), regs);
                regs[u.dst().id()] = switch (a) {
                    case Boolean bo -> !bo;
                    case Integer i -> -i;
                    case Long l -> -l;
                    case Float f -> -f;
                    case Double d -> -d;
                    default -> throw new IllegalStateException();
                };
            }
            case Instr.Convert c -> regs[c.dst().id()] = convert((Number) eval(c.src(), regs), c.dst().type());
            case Instr.Bitcast c -> regs[c.dst().id()] = switch (eval(c.src(), regs)) {
                case Integer i -> Float.intBitsToFloat(i);
                case Float f -> Float.floatToRawIntBits(f);
                case Long l -> Double.longBitsToDouble(l);
                case Double d -> Double.doubleToRawLongBits(d);
                default -> throw new IllegalStateException("bitcast of " + c.src());
            };
            case Instr.Compare c -> regs[c.dst().id()] = compare(c, eval(c.a(), regs), eval(c.b(), regs));
            case Instr.Select s -> regs[s.dst().id()] = (Boolean) eval(s.cond(), regs) ? eval(s.a(), regs) : eval(s.b(), regs);
            case Instr.Call c -> regs[c.dst().id()] = call(c.fn(), c.args().stream().map(a -> eval(a, regs)).toList());
            case Instr.Load l -> regs[l.dst().id()] = load(array(l.array(), locals), (Integer) eval(l.index(), regs));
            case Instr.Store s -> store(array(s.array(), locals), (Integer) eval(s.index(), regs), eval(s.value(), regs));
            case Instr.ArrayLength a -> regs[a.dst().id()] = ((org.trm4j.api.NativeArray) args[a.array().javaIndex()]).getSize();
            case Instr.Thread t -> regs[t.dst().id()] = switch (t.query()) {
                case GLOBAL_ID -> id[t.dim()];
                case GLOBAL_SIZE -> global[t.dim()];
                case LOCAL_ID -> id[t.dim()] % local[t.dim()];
                case GROUP_ID -> id[t.dim()] / local[t.dim()];
                case LOCAL_SIZE -> local[t.dim()];
            };
            case Instr.Barrier b -> {}
            case Instr.AtomicAdd a -> {
                IntArray arr = (IntArray) array(a.array(), locals);
                int idx = (Integer) eval(a.index(), regs), old = arr.get(idx);
                arr.set(idx, old + (Integer) eval(a.value(), regs));
                if (a.dst() != null) regs[a.dst().id()] = old;
            }
        }
    }

    private Object array(ArrayRef ref, Map<LocalArray, Object> locals) {
        return switch (ref) {
            case Param.Array p -> args[p.javaIndex()];
            case LocalArray l -> locals.computeIfAbsent(l, x -> switch (x.elementType()) {
                case FLOAT -> new FloatArray(x.length());
                case INT -> new IntArray(x.length());
                case DOUBLE -> new DoubleArray(x.length());
                default -> throw new IllegalStateException();
            });
        };
    }

    private static Object load(Object arr, int i) {
        return switch (arr) {
            case FloatArray f -> f.get(i);
            case IntArray a -> a.get(i);
            case DoubleArray d -> d.get(i);
            case ByteArray b -> (int) b.get(i);
            default -> throw new IllegalStateException();
        };
    }

    private static void store(Object arr, int i, Object v) {
        switch (arr) {
            case FloatArray f -> f.set(i, (Float) v);
            case IntArray a -> a.set(i, (Integer) v);
            case DoubleArray d -> d.set(i, (Double) v);
            case ByteArray b -> b.set(i, (byte) (int) (Integer) v);
            default -> throw new IllegalStateException();
        }
    }

    private static Object convert(Number n, Type to) {
        return switch (to) {
            case INT -> n.intValue();      // Float/Double.intValue are Java's saturating casts
            case LONG -> n.longValue();
            case FLOAT -> n.floatValue();
            case DOUBLE -> n.doubleValue();
            default -> throw new IllegalStateException("convert to " + to);
        };
    }

    private static Object binary(Op.Binary op, Object a, Object b) {
        return switch (a) {
            case Integer x -> {
                int y = (Integer) b;
                yield switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y; case SHL -> x << y; case SHR -> x >> y; case USHR -> x >>> y;
                };
            }
            case Long x -> {
                if (op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR) {
                    int s = (Integer) b;
                    yield switch (op) { case SHL -> x << s; case SHR -> x >> s; default -> x >>> s; };
                }
                long y = (Long) b;
                yield switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y; default -> throw new IllegalStateException();
                };
            }
            case Float x -> {
                float y = (Float) b;
                yield switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    default -> throw new IllegalStateException();
                };
            }
            case Double x -> {
                double y = (Double) b;
                yield switch (op) {
                    case ADD -> x + y; case SUB -> x - y; case MUL -> x * y; case DIV -> x / y; case REM -> x % y;
                    default -> throw new IllegalStateException();
                };
            }
            case Boolean x -> {
                boolean y = (Boolean) b;
                yield switch (op) {
                    case AND -> x & y; case OR -> x | y; case XOR -> x ^ y;
                    default -> throw new IllegalStateException(op + " on booleans");
                };
            }
            default -> throw new IllegalStateException();
        };
    }

    private static boolean compare(Instr.Compare c, Object a, Object b) {
        if (a instanceof Float || a instanceof Double) {
            double x = ((Number) a).doubleValue(), y = ((Number) b).doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) return c.unordered();
            return test(c.cond(), Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y));
        }
        long x = ((Number) a).longValue(), y = ((Number) b).longValue();
        return test(c.cond(), Long.compare(x, y));
    }

    private static boolean test(Op.Cond c, int cmp) {
        return switch (c) {
            case EQ -> cmp == 0; case NE -> cmp != 0; case LT -> cmp < 0; case LE -> cmp <= 0; case GT -> cmp > 0; case GE -> cmp >= 0;
        };
    }

    private static Object call(Op.Intrinsic fn, List<Object> a) {
        Object x = a.getFirst();
        if (fn == Op.Intrinsic.ISNAN) return x instanceof Float f ? f.isNaN() : ((Double) x).isNaN();
        if (x instanceof Integer i) return switch (fn) {
            case ABS -> Math.abs(i); case MIN -> Math.min(i, (Integer) a.get(1)); case MAX -> Math.max(i, (Integer) a.get(1));
            default -> throw new IllegalStateException(fn + " of int");
        };
        if (x instanceof Long l) return switch (fn) {
            case ABS -> Math.abs(l); case MIN -> Math.min(l, (Long) a.get(1)); case MAX -> Math.max(l, (Long) a.get(1));
            default -> throw new IllegalStateException(fn + " of long");
        };
        if (x instanceof Float f) {
            return switch (fn) {   // as KernelMath's float versions compute
                case ABS -> Math.abs(f);
                case MIN -> Math.min(f, (Float) a.get(1));
                case MAX -> Math.max(f, (Float) a.get(1));
                case FMA -> Math.fma(f, (Float) a.get(1), (Float) a.get(2));
                default -> (float) (double) (Double) call(fn, a.stream().map(o -> (Object) (double) (Float) o).toList());
            };
        }
        double d = (Double) x;
        return switch (fn) {
            case EXP -> Math.exp(d); case LOG -> Math.log(d); case SQRT -> Math.sqrt(d); case RSQRT -> 1.0 / Math.sqrt(d);
            case TANH -> Math.tanh(d); case SIN -> Math.sin(d); case COS -> Math.cos(d); case POW -> Math.pow(d, (Double) a.get(1));
            case ABS -> Math.abs(d); case MIN -> Math.min(d, (Double) a.get(1)); case MAX -> Math.max(d, (Double) a.get(1));
            case FMA -> Math.fma(d, (Double) a.get(1), (Double) a.get(2)); case FLOOR -> Math.floor(d); case CEIL -> Math.ceil(d);
            case ATAN2 -> Math.atan2(d, (Double) a.get(1)); case SIGMOID -> 1.0 / (1.0 + Math.exp(-d));
            case ISNAN -> throw new IllegalStateException();
        };
    }
}
