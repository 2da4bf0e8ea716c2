package org.trm4j.jit.frontend;

import java.lang.classfile.TypeKind;
import java.lang.constant.MethodTypeDesc;
import java.util.List;
import org.trm4j.jit.ir.ArrayRef;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.LocalArray;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;

/**
 * The only instance methods and fields a kernel may use: the accessors of trm4j's arrays (and of Java arrays,
 * Matrix2D, vector collections and the TornadoVM bridge's value types HalfFloat and Float4..., see {@link ApiNames}),
 * and KernelContext's geometry fields, barriers, local arrays and atomicAdd. Each becomes IR on a symbolically
 * known array or value.
 */
final class ApiCalls {
    private ApiCalls() {}

    static final String API = "org/trm4j/api/";
    static final String CONTEXT = API + "KernelContext";

    static final String MATRIX = API + "Matrix2D";
    /** The TornadoVM bridge's HalfFloat, a half-precision value object (see {@link Sym.Half}). */
    static final String HALF_FLOAT = ApiNames.HALF_FLOAT;

    static boolean isArrayClass(String owner) {
        return switch (owner) {
            case API + "FloatArray", API + "IntArray", API + "DoubleArray", API + "ByteArray", API + "LongArray", API + "HalfArray", API + "ShortArray",
                 API + "CharArray", API + "NativeArray" -> true;
            default -> false;
        };
    }

    /** Element type of an array class, or null. */
    static Type elementType(String internalName) {
        return switch (internalName) {
            case API + "FloatArray" -> Type.FLOAT;
            case API + "IntArray" -> Type.INT;
            case API + "DoubleArray" -> Type.DOUBLE;
            case API + "ByteArray" -> Type.BYTE;
            case API + "LongArray" -> Type.LONG;
            case API + "HalfArray" -> Type.HALF;
            case API + "ShortArray" -> Type.SHORT;
            case API + "CharArray" -> Type.CHAR;
            default -> null;
        };
    }

    /**
     * Lowers {@code receiver.name(args)}; returns the pushed result (null for void).
     * Throws when the method is not part of the kernel API.
     */
    static StackEntry invokeVirtual(CompileSession s, Where w, String owner, String name, MethodTypeDesc type,
                                    Sym receiver, List<StackEntry> args) {
        Emitter em = s.em;
        String desc = type.descriptorString();
        if (owner.equals(MATRIX)) return matrixCall(s, w, name, type, receiver, args);
        ApiNames.Lanes collection = ApiNames.collection(owner), vector = ApiNames.vector(owner);
        if (collection != null) return collectionCall(s, w, owner, name, type, receiver, args, collection);
        if (vector != null) return vectorCall(w, owner, name, receiver, args, vector);
        if (owner.equals(HALF_FLOAT)) {
            if (receiver instanceof Sym.Half h && name.equals("getFloat32") && type.parameterCount() == 0) return new StackEntry.Scalar(h.value());
            throw w.error("HalfFloat." + name + " is not supported in kernels (getFloat32(), new HalfFloat(float) and the static add, sub, mult and div are)");
        }
        if (isArrayClass(owner)) {
            ArrayRef array = arrayOf(receiver, w);
            switch (name + desc) {
                case "getSize()I" -> {
                    if (array instanceof Param.Array p) {
                        Value.Reg d = em.temp(Type.INT);
                        em.emit(new Instr.ArrayLength(d, p));
                        return new StackEntry.Scalar(d);
                    }
                    return new StackEntry.Scalar(Value.Const.i32(((LocalArray) array).length()));
                }
                default -> {
                    boolean halfAsFloat = array.elementType() == Type.HALF && (name.equals("getFloat") || name.equals("setFloat"));
                    if ((name.equals("get") || halfAsFloat && name.equals("getFloat")) && type.parameterCount() == 1) {
                        Value.Reg d = em.temp(array.elementType().valueType());
                        em.emit(new Instr.Load(d, array, em.valueOf(args.get(0), w)));
                        // The bridge's HalfFloatArray.get returns a HalfFloat object: carried as its float value.
                        boolean object = type.returnType().descriptorString().startsWith("L");
                        return object ? new StackEntry.Ref(new Sym.Half(d)) : new StackEntry.Scalar(d);
                    }
                    if ((name.equals("set") || halfAsFloat && name.equals("setFloat")) && type.parameterCount() == 2) {
                        Value v = args.get(1) instanceof StackEntry.Ref(Sym.Half h) ? h.value() : em.valueOf(args.get(1), w);
                        em.emit(new Instr.Store(array, em.valueOf(args.get(0), w), v));
                        return null;
                    }
                }
            }
            throw w.error("method " + simple(owner) + "." + name + " is not supported in kernels (only get, set and getSize are)");
        }
        if (owner.equals(CONTEXT)) {
            if (!(receiver instanceof Sym.Context)) throw w.error("internal error: KernelContext call on " + receiver);
            switch (name) {
                case "localBarrier" -> { barrier(s, w, Op.BarrierScope.LOCAL); return null; }
                case "globalBarrier" -> { barrier(s, w, Op.BarrierScope.GLOBAL); return null; }
                // FloatArray/float[] forms alike (the bridge's allocateFloatLocalArray returns float[]).
                case "allocateFloatLocalArray", "allocateFloatLocalJavaArray" -> { return allocateLocal(s, w, Type.FLOAT, args.get(0)); }
                case "allocateIntLocalArray", "allocateIntLocalJavaArray" -> { return allocateLocal(s, w, Type.INT, args.get(0)); }
                case "allocateDoubleLocalArray", "allocateDoubleLocalJavaArray" -> { return allocateLocal(s, w, Type.DOUBLE, args.get(0)); }
                case "allocateLongLocalArray", "allocateLongLocalJavaArray" -> { return allocateLocal(s, w, Type.LONG, args.get(0)); }
                case "atomicAdd" -> {
                    if (!(args.get(0) instanceof StackEntry.Ref r)) throw w.error("internal error: atomicAdd without an array");
                    ArrayRef array = arrayOf(r.sym(), w);
                    if (array.elementType() != Type.INT && array.elementType() != Type.LONG)
                        throw w.error("atomicAdd works on IntArray and LongArray only (" + array.elementType() + " atomics are not supported)");
                    Value.Reg d = em.temp(array.elementType());
                    em.emit(new Instr.AtomicAdd(d, array, em.valueOf(args.get(1), w), em.valueOf(args.get(2), w)));
                    return new StackEntry.Scalar(d);
                }
                default -> throw w.error("KernelContext." + name + " is not supported in kernels");
            }
        }
        throw w.error("virtual call to " + owner + "." + name + " is not supported in kernels"
                + " (only static methods are inlined; objects other than the trm4j arrays and KernelContext cannot be used)");
    }

    private static void barrier(CompileSession s, Where w, Op.BarrierScope scope) {
        Instr.Barrier b = new Instr.Barrier(scope);
        s.em.emit(b);
        s.barrierSites.put(b, w);
    }

    /** {@code m.get(i, j)}, {@code m.set(i, j, v)}, {@code m.getNumRows()}/{@code M()}, {@code m.getNumColumns()}/{@code N()} on a Matrix2D parameter. */
    private static StackEntry matrixCall(CompileSession s, Where w, String name, MethodTypeDesc type, Sym receiver, List<StackEntry> args) {
        Emitter em = s.em;
        ArrayRef array = arrayOf(receiver, w);
        Value.Reg columns = s.matrixColumns.get(array);
        if (!(array instanceof Param.Array p) || columns == null) throw w.error("internal error: matrix call on " + array.name());
        switch (name) {
            case "get" -> {
                if (type.parameterCount() != 2) break;
                Value.Reg d = em.temp(array.elementType().valueType());
                em.emit(new Instr.Load(d, array, rowMajor(em, w, args.get(0), args.get(1), columns)));
                return new StackEntry.Scalar(d);
            }
            case "set" -> {
                if (type.parameterCount() != 3) break;
                em.emit(new Instr.Store(array, rowMajor(em, w, args.get(0), args.get(1), columns), em.valueOf(args.get(2), w)));
                return null;
            }
            case "getNumColumns", "N" -> { return new StackEntry.Scalar(columns); }
            case "getNumRows", "M" -> {
                Value.Reg size = em.temp(Type.INT), rows = em.temp(Type.INT);
                em.emit(new Instr.ArrayLength(size, p));
                em.emit(new Instr.Binary(rows, Op.Binary.DIV, size, columns));
                return new StackEntry.Scalar(rows);
            }
            default -> { }
        }
        throw w.error("matrix method " + name + " is not supported in kernels (get(i, j), set(i, j, v), getNumRows() and getNumColumns() are)");
    }

    private static Value rowMajor(Emitter em, Where w, StackEntry i, StackEntry j, Value.Reg columns) {
        Value.Reg rowStart = em.temp(Type.INT), at = em.temp(Type.INT);
        em.emit(new Instr.Binary(rowStart, Op.Binary.MUL, em.valueOf(i, w), columns));
        em.emit(new Instr.Binary(at, Op.Binary.ADD, rowStart, em.valueOf(j, w)));
        return at;
    }

    /** {@code v.get(i)} (a vector of loads), {@code v.set(i, vec)}, {@code v.getLength()}/{@code size()} on a flat vector collection. */
    private static StackEntry collectionCall(CompileSession s, Where w, String owner, String name, MethodTypeDesc type, Sym receiver,
                                             List<StackEntry> args, ApiNames.Lanes lanes) {
        Emitter em = s.em;
        ArrayRef array = arrayOf(receiver, w);
        String simple = simple(owner);
        switch (name) {
            case "get" -> {
                if (type.parameterCount() != 1) break;
                Value base = laneBase(em, w, args.get(0), lanes.width());
                List<Value> values = new java.util.ArrayList<>();
                for (int k = 0; k < lanes.width(); k++) {
                    Value.Reg d = em.temp(lanes.type());
                    em.emit(new Instr.Load(d, array, offset(em, base, k)));
                    values.add(d);
                }
                return new StackEntry.Ref(new Sym.Vec(List.copyOf(values)));
            }
            case "set" -> {
                if (type.parameterCount() != 2) break;
                if (!(args.get(1) instanceof StackEntry.Ref(Sym.Vec v))) throw w.error(simple + ".set needs a vector value");
                Value base = laneBase(em, w, args.get(0), lanes.width());
                for (int k = 0; k < lanes.width(); k++) em.emit(new Instr.Store(array, offset(em, base, k), v.lanes().get(k)));
                return null;
            }
            case "getLength", "size" -> {
                if (!(array instanceof Param.Array p)) break;
                Value.Reg size = em.temp(Type.INT), n = em.temp(Type.INT);
                em.emit(new Instr.ArrayLength(size, p));
                em.emit(new Instr.Binary(n, Op.Binary.DIV, size, Value.Const.i32(lanes.width())));
                return new StackEntry.Scalar(n);
            }
            default -> { }
        }
        throw w.error(simple + "." + name + " is not supported in kernels (get(i), set(i, v), getLength() and size() are)");
    }

    private static Value laneBase(Emitter em, Where w, StackEntry index, int width) {
        Value.Reg base = em.temp(Type.INT);
        em.emit(new Instr.Binary(base, Op.Binary.MUL, em.valueOf(index, w), Value.Const.i32(width)));
        return base;
    }

    private static Value offset(Emitter em, Value base, int k) {
        if (k == 0) return base;
        Value.Reg at = em.temp(Type.INT);
        em.emit(new Instr.Binary(at, Op.Binary.ADD, base, Value.Const.i32(k)));
        return at;
    }

    /** Lane reads of a vector value: getX()...getW(), getS4()..., get(constant), size(). */
    private static StackEntry vectorCall(Where w, String owner, String name, Sym receiver, List<StackEntry> args, ApiNames.Lanes lanes) {
        if (!(receiver instanceof Sym.Vec v)) throw w.error(simple(owner) + "." + name + " on something that is not a vector value");
        int lane = switch (name) {
            case "getX" -> 0;
            case "getY" -> 1;
            case "getZ" -> 2;
            case "getW" -> 3;
            case "getS4" -> 4;
            case "getS5" -> 5;
            case "getS6" -> 6;
            case "getS7" -> 7;
            case "get" -> args.size() == 1 && args.get(0) instanceof StackEntry.Scalar(Value.Const c) && c.value() instanceof Integer i ? i : -2;
            case "size" -> -3;
            default -> -1;
        };
        if (lane == -3) return new StackEntry.Scalar(Value.Const.i32(lanes.width()));
        if (lane == -2) throw w.error(simple(owner) + ".get needs a constant index in kernels");
        if (lane < 0) throw w.error(simple(owner) + "." + name + " is not supported in kernels (vectors are values there:"
                + " new, getX()..., get(constant), size() and the static operations are)");
        if (lane >= lanes.width()) throw w.error(simple(owner) + " has no element " + lane);
        return new StackEntry.Scalar(v.lanes().get(lane));
    }

    /** KernelContext field read -> work-item query. */
    static StackEntry contextField(CompileSession s, Where w, String name) {
        Op.ThreadQuery q;
        String axis;
        if (name.startsWith("globalId")) { q = Op.ThreadQuery.GLOBAL_ID; axis = name.substring(8); }
        else if (name.startsWith("localId")) { q = Op.ThreadQuery.LOCAL_ID; axis = name.substring(7); }
        else if (name.startsWith("groupId")) { q = Op.ThreadQuery.GROUP_ID; axis = name.substring(7); }
        else if (name.startsWith("localGroupSize")) { q = Op.ThreadQuery.LOCAL_SIZE; axis = name.substring(14); }
        else if (name.startsWith("globalGroupSize")) { q = Op.ThreadQuery.GLOBAL_SIZE; axis = name.substring(15); }
        else throw w.error("KernelContext field " + name + " is not supported in kernels");
        int dim = switch (axis.toLowerCase(java.util.Locale.ROOT)) {
            case "x" -> 0;
            case "y" -> 1;
            case "z" -> 2;
            default -> throw w.error("KernelContext field " + name + " is not supported in kernels");
        };
        return new StackEntry.Scalar(s.em.thread(q, dim));
    }

    private static StackEntry allocateLocal(CompileSession s, Where w, Type elem, StackEntry size) {
        if (!(size instanceof StackEntry.Scalar sc) || !(sc.value() instanceof Value.Const c) || !(c.value() instanceof Integer n))
            throw w.error("the size of a local array must be a compile-time constant (a literal or a static final int)");
        if (n <= 0) throw w.error("local array size must be positive, got " + n);
        LocalArray a = new LocalArray("local" + s.kernel.localArrays.size(), elem, n);
        s.kernel.localArrays.add(a);
        return new StackEntry.Ref(new Sym.Array(a));
    }

    /**
     * {@code xaload} on a Java array the front end tracks (a primitive array parameter, or a local array that
     * KernelContext returned as {@code float[]}...): the same Load as FloatArray.get.
     */
    static StackEntry javaArrayLoad(CompileSession s, Where w, TypeKind kind, StackEntry ref, StackEntry index) {
        ArrayRef array = javaArray(w, kind, ref);
        Value.Reg d = s.em.temp(array.elementType().valueType());
        s.em.emit(new Instr.Load(d, array, s.em.valueOf(index, w)));
        return new StackEntry.Scalar(d);
    }

    /** {@code xastore} on a tracked Java array: the same Store as FloatArray.set. */
    static void javaArrayStore(CompileSession s, Where w, TypeKind kind, StackEntry ref, StackEntry index, StackEntry value) {
        ArrayRef array = javaArray(w, kind, ref);
        s.em.emit(new Instr.Store(array, s.em.valueOf(index, w), s.em.valueOf(value, w)));
    }

    /** {@code arraylength} on a tracked Java array: the same as getSize(). */
    static StackEntry javaArrayLength(CompileSession s, Where w, StackEntry ref) {
        if (!(ref instanceof StackEntry.Ref r)) throw w.error("internal error: arraylength on a primitive");
        ArrayRef array = arrayOf(r.sym(), w);
        if (array instanceof Param.Array p) {
            Value.Reg d = s.em.temp(Type.INT);
            s.em.emit(new Instr.ArrayLength(d, p));
            return new StackEntry.Scalar(d);
        }
        return new StackEntry.Scalar(Value.Const.i32(((LocalArray) array).length()));
    }

    private static ArrayRef javaArray(Where w, TypeKind kind, StackEntry ref) {
        if (!(ref instanceof StackEntry.Ref r)) throw w.error("internal error: array access on a primitive");
        ArrayRef array = arrayOf(r.sym(), w);
        Type want = switch (kind) {
            case FLOAT -> Type.FLOAT;
            case INT -> Type.INT;
            case DOUBLE -> Type.DOUBLE;
            case LONG -> Type.LONG;
            case BYTE, BOOLEAN -> Type.BYTE;
            case SHORT -> Type.SHORT;
            case CHAR -> Type.CHAR;
            default -> throw w.error(kind.name().toLowerCase(java.util.Locale.ROOT) + "[] elements are not supported in kernels"
                    + " (float[], int[], double[], long[], short[], char[] and byte[] are)");
        };
        if (array.elementType() != want)
            throw w.error("internal error: " + want + " access to " + array.name() + " of " + array.elementType());
        return array;
    }

    private static ArrayRef arrayOf(Sym sym, Where w) {
        return switch (sym) {
            case Sym.Array a -> a.ref();
            case Sym.Conflict c -> throw w.error(c.why());
            case Sym.Context c -> throw w.error("internal error: KernelContext used as an array");
            case Sym.Half h -> throw w.error("a HalfFloat used as an array");
            case Sym.NewHalf h -> throw w.error("a HalfFloat used before its constructor ran");
            case Sym.Vec v -> throw w.error("a vector value used as an array");
            case Sym.NewVec v -> throw w.error("a vector used before its constructor ran");
        };
    }

    private static String simple(String internal) { return internal.substring(internal.lastIndexOf('/') + 1); }
}
