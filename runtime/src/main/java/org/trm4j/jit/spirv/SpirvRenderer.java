package org.trm4j.jit.spirv;

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
import org.trm4j.jit.opencl.OpenClRenderer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a kernel's IR as a SPIR-V 1.0 module for the OpenCL environment: capabilities Addresses,
 * Kernel and Int64 (Float64 and Int8 when used), {@code OpMemoryModel Physical64 OpenCL}, one
 * {@code OpExtInstImport "OpenCL.std"}, one kernel entry point with {@code ContractionOff}.
 *
 * <p>Shape of the output, which mirrors the OpenCL C renderer's so that both compute the same:
 * the kernel's parameters follow {@link KernelAbi}: a CrossWorkgroup pointer plus a hidden 32-bit
 * length for every array, and the scalars. Every IR register is a Function-storage
 * OpVariable read with OpLoad and written with OpStore (always valid SSA; drivers promote them to
 * registers); every IR block is one OpLabel, in reverse post-order so that dominators come first;
 * branches are plain OpBranch/OpBranchConditional, since the Kernel capability does not require
 * structured control flow. Work-item queries load {@code v3ulong} built-in Input variables. Local
 * arrays are Workgroup variables of array type. It renders the output of {@link JavaSemantics};
 * {@link SpirvJavaMath} picks the instruction for each operation.
 */
public final class SpirvRenderer {
    private SpirvRenderer() {}

    /** The module's bytes (little-endian words). */
    public static byte[] render(Kernel k) { return new Emitter(JavaSemantics.lower(k, "SPIR-V", JavaSemantics.SPIRV)).emit(); }

    /** The entry point name, which clCreateKernel takes: the same name the OpenCL C renderer gives the kernel. */
    public static String entryPointName(Kernel k) { return OpenClRenderer.functionName(k); }

    private static final class Emitter {
        private final Kernel k;
        private final SpirvModule m = new SpirvModule();
        private final SpirvCode c;
        private final SpirvJavaMath math;
        /** Register id -> its Function variable. */
        private final Map<Integer, Integer> regVars = new HashMap<>();
        private final Map<ArrayRef, Integer> arrays = new IdentityHashMap<>();
        private final Map<Param.Array, Integer> lengths = new IdentityHashMap<>();
        private final Map<Block, Integer> labels = new IdentityHashMap<>();
        /** BuiltIn -> its Input variable, in first-use order (they are the entry point's interface). */
        private final Map<Integer, Integer> builtIns = new LinkedHashMap<>();
        private Block current;

        Emitter(Kernel k) {
            this.k = k;
            int ext = m.id();
            m.imports.emitWithString(Spv.Op.ExtInstImport, new int[] {ext}, "OpenCL.std");
            this.c = new SpirvCode(m, m.functions, ext);
            this.math = new SpirvJavaMath(c);
        }

        byte[] emit() {
            m.capability(Spv.Capability.Addresses);
            m.capability(Spv.Capability.Kernel);
            m.capability(Spv.Capability.Int64); // built-ins are 64-bit (size_t) under Physical64
            m.debug.emit(Spv.Op.Source, Spv.SOURCE_LANGUAGE_OPENCL_C, Spv.SOURCE_VERSION_OPENCL_C_1_2);

            // Parameter types, in the order the launch sets the arguments (KernelAbi).
            List<KernelAbi.Slot> slots = KernelAbi.slots(k);
            List<Integer> paramTypes = new ArrayList<>();
            for (KernelAbi.Slot slot : slots) {
                paramTypes.add(switch (slot) {
                    case KernelAbi.Buffer b -> m.pointerType(Spv.StorageClass.CrossWorkgroup, c.type(b.param().elementType()));
                    case KernelAbi.Length l -> c.type(Type.INT);
                    case KernelAbi.Scalar s -> c.type(s.param().reg().type());
                });
            }
            for (LocalArray l : k.localArrays) {
                int arrayType = m.arrayType(c.type(l.elementType()), Math.max(1, l.length()));
                int v = m.globalVariable(m.pointerType(Spv.StorageClass.Workgroup, arrayType), Spv.StorageClass.Workgroup);
                m.name(v, l.name());
                arrays.put(l, v);
            }
            int voidType = m.voidType();
            int fnType = m.functionType(voidType, paramTypes.stream().mapToInt(Integer::intValue).toArray());
            int fn = m.id();
            String entryName = entryPointName(k);
            m.name(fn, entryName);
            c.emit(Spv.Op.Function, voidType, fn, Spv.FUNCTION_CONTROL_NONE, fnType);

            // Parameters.
            List<Runnable> paramStores = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                int v = c.op(Spv.Op.FunctionParameter, paramTypes.get(i));
                switch (slots.get(i)) {
                    case KernelAbi.Buffer(var index, var a) -> { m.name(v, a.name()); arrays.put(a, v); }
                    case KernelAbi.Length(var index, var a) -> { m.name(v, a.name() + "_len"); lengths.put(a, v); }
                    case KernelAbi.Scalar(var index, var s) -> {
                        m.name(v, s.name());
                        // Registers are mutable, so a parameter is copied into its register, not aliased.
                        paramStores.add(() -> store(s.reg(), v));
                    }
                }
            }

            // Entry block: every register's variable (OpVariable must open the first block), zeroed as the
            // OpenCL C renderer zeroes its locals, then the parameters.
            c.emit(Spv.Op.Label, m.id());
            for (Value.Reg r : k.regs) {
                int v = c.op(Spv.Op.Variable, m.pointerType(Spv.StorageClass.Function, c.type(r.type())), Spv.StorageClass.Function);
                m.name(v, r.toString());
                regVars.put(r.id(), v);
            }
            for (Value.Reg r : k.regs) c.emit(Spv.Op.Store, regVars.get(r.id()), c.constant(r.type(), 0));
            paramStores.forEach(Runnable::run);

            List<Block> order = reversePostOrder();
            for (Block b : order) labels.put(b, m.id());
            c.emit(Spv.Op.Branch, labels.get(k.entry()));
            for (Block b : order) emitBlock(b);
            c.emit(Spv.Op.FunctionEnd);

            int[] iface = builtIns.values().stream().mapToInt(Integer::intValue).toArray();
            m.entryPoints.emitWithString(Spv.Op.EntryPoint, new int[] {Spv.EXECUTION_MODEL_KERNEL, fn}, entryName, iface);
            m.executionModes.emit(Spv.Op.ExecutionMode, fn, Spv.EXECUTION_MODE_CONTRACTION_OFF);
            return m.toBytes(Spv.VERSION_1_0, Spv.ADDRESSING_PHYSICAL64, Spv.MEMORY_MODEL_OPENCL);
        }

        /**
         * The blocks reachable from the entry, each after its dominators (reverse post-order), as SPIR-V
         * requires; unreachable blocks are left out (they can only branch into reachable ones).
         */
        private List<Block> reversePostOrder() {
            List<Block> post = new ArrayList<>();
            Map<Block, Boolean> seen = new IdentityHashMap<>();
            // Iterative DFS: javac's CFGs can be deep enough to overflow a recursive walk.
            List<Block> stack = new ArrayList<>();
            List<Integer> next = new ArrayList<>();
            stack.add(k.entry());
            next.add(0);
            seen.put(k.entry(), true);
            while (!stack.isEmpty()) {
                int top = stack.size() - 1;
                Block b = stack.get(top);
                List<Block> succ = successors(b);
                int i = next.get(top);
                if (i < succ.size()) {
                    next.set(top, i + 1);
                    Block s = succ.get(i);
                    if (seen.put(s, true) == null) {
                        stack.add(s);
                        next.add(0);
                    }
                } else {
                    post.add(b);
                    stack.removeLast();
                    next.removeLast();
                }
            }
            return post.reversed();
        }

        private List<Block> successors(Block b) {
            return switch (b.terminator) {
                case null -> throw unsupported("block " + b.label() + " has no terminator");
                case Terminator.Jump j -> List.of(j.target());
                case Terminator.Branch br -> List.of(br.ifTrue(), br.ifFalse());
                case Terminator.Return r -> List.of();
            };
        }

        private void emitBlock(Block b) {
            current = b;
            c.emit(Spv.Op.Label, labels.get(b));
            for (Instr i : b.instrs) instr(i);
            switch (b.terminator) {
                case Terminator.Return r -> c.emit(Spv.Op.Return);
                case Terminator.Jump j -> c.emit(Spv.Op.Branch, labels.get(j.target()));
                case Terminator.Branch br -> {
                    if (br.ifTrue() == br.ifFalse()) c.emit(Spv.Op.Branch, labels.get(br.ifTrue()));
                    else c.emit(Spv.Op.BranchConditional, value(br.cond()), labels.get(br.ifTrue()), labels.get(br.ifFalse()));
                }
            }
        }

        private void instr(Instr i) {
            switch (i) {
                case Instr.Move mv -> store(mv.dst(), value(mv.src()));
                case Instr.Binary b -> store(b.dst(), math.binary(b.op(), b.dst().type(), value(b.a()), value(b.b())));
                case Instr.Unary u -> store(u.dst(), u.op() == Op.Unary.NOT
                        ? c.op(Spv.Op.LogicalNot, c.boolType(), value(u.a()))
                        : math.negate(u.dst().type(), value(u.a())));
                case Instr.Convert cv -> store(cv.dst(), math.convert(cv.src().type(), cv.dst().type(), value(cv.src())));
                case Instr.Bitcast bc -> store(bc.dst(), c.op(Spv.Op.Bitcast, c.type(bc.dst().type()), value(bc.src())));
                case Instr.Compare cmp -> store(cmp.dst(), math.compare(cmp.cond(), cmp.a().type(), cmp.unordered(), value(cmp.a()), value(cmp.b())));
                case Instr.Select s -> store(s.dst(), c.op(Spv.Op.Select, c.type(s.dst().type()), value(s.cond()), value(s.a()), value(s.b())));
                case Instr.Call call -> store(call.dst(), call(call));
                case Instr.Load l -> store(l.dst(), load(l));
                case Instr.Store s -> storeElement(s);
                case Instr.ArrayLength a -> store(a.dst(), length(a.array()));
                case Instr.Thread t -> store(t.dst(), thread(t.query(), t.dim()));
                case Instr.Barrier b -> barrier(b);
                case Instr.AtomicAdd a -> atomicAdd(a);
            }
        }

        private int call(Instr.Call call) {
            if (call.args().size() != call.fn().arity)
                throw unsupported(call.fn() + " takes " + call.fn().arity + " argument(s), got " + call.args().size());
            int[] args = call.args().stream().mapToInt(this::value).toArray();
            return math.call(call.fn(), call.args().getFirst().type(), args);
        }

        // ---- registers and values ----

        private void store(Value.Reg dst, int valueId) {
            c.emit(Spv.Op.Store, regVar(dst), valueId);
        }

        private int regVar(Value.Reg r) {
            Integer v = regVars.get(r.id());
            if (v == null) throw unsupported("register " + r + " is not a register of the kernel");
            return v;
        }

        /** The id holding {@code v} here: a fresh load of a register, or a module constant. */
        private int value(Value v) {
            return switch (v) {
                case Value.Reg r -> c.op(Spv.Op.Load, c.type(r.type()), regVar(r));
                case Value.Const cst -> constant(cst);
            };
        }

        private int constant(Value.Const cst) {
            Object v = cst.value();
            return switch (cst.type()) {
                case BOOL -> m.constantBool((Boolean) v);
                case BYTE -> m.constantInt(8, ((Number) v).intValue());
                case INT -> m.constantInt(32, ((Number) v).intValue());
                case LONG -> m.constantInt(64, ((Number) v).longValue());
                case FLOAT -> m.constantFloat(((Number) v).floatValue());
                case DOUBLE -> m.constantDouble(((Number) v).doubleValue());
                case HALF, SHORT, CHAR -> throw unsupported("a " + cst.type() + " constant");
            };
        }

        // ---- memory ----

        /**
         * A pointer to {@code array[index]}. The 32-bit index is sign-extended to 64 bits first, so that the
         * address arithmetic is done at pointer width (a driver could otherwise wrap it at 32 bits).
         */
        private int element(ArrayRef array, Value index) {
            int idx = c.op(Spv.Op.SConvert, c.type(Type.LONG), value(index));
            int elem = c.type(array.elementType());
            return switch (array) {
                case Param.Array p -> c.op(Spv.Op.InBoundsPtrAccessChain,
                        m.pointerType(Spv.StorageClass.CrossWorkgroup, elem), base(p), idx);
                case LocalArray l -> c.op(Spv.Op.InBoundsAccessChain,
                        m.pointerType(Spv.StorageClass.Workgroup, elem), base(l), idx);
            };
        }

        private int base(ArrayRef a) {
            Integer id = arrays.get(a);
            if (id == null) throw unsupported("array " + a.name() + " is neither a parameter nor a local array of the kernel");
            return id;
        }

        /** OpenCL.std vload_half and vstore_half (round to nearest even): halves are storage only. */
        private static final int VLOAD_HALF = 173, VSTORE_HALF = 175;

        private int load(Instr.Load l) {
            Type elem = l.array().elementType();
            if (elem == Type.HALF)
                return c.ext(VLOAD_HALF, c.type(Type.FLOAT), c.op(Spv.Op.SConvert, c.type(Type.LONG), value(l.index())), base(l.array()));
            int loaded = c.op(Spv.Op.Load, c.type(elem), element(l.array(), l.index()));
            // A byte or short element widens to int with sign extension (baload, saload), a char with zero extension (caload).
            if (elem == Type.CHAR) return c.op(Spv.Op.UConvert, c.type(l.dst().type()), loaded);
            return (elem == Type.BYTE || elem == Type.SHORT) && l.dst().type() != elem ? c.op(Spv.Op.SConvert, c.type(l.dst().type()), loaded) : loaded;
        }

        private void storeElement(Instr.Store s) {
            Type elem = s.array().elementType();
            int v = value(s.value());
            if (elem == Type.HALF) {
                c.ext(VSTORE_HALF, m.voidType(), v, c.op(Spv.Op.SConvert, c.type(Type.LONG), value(s.index())), base(s.array()));
                return;
            }
            if (elem == Type.BYTE && s.value().type() != Type.BYTE) v = c.op(Spv.Op.SConvert, c.type(Type.BYTE), v); // bastore truncates
            if (elem == Type.SHORT || elem == Type.CHAR) v = c.op(Spv.Op.UConvert, c.type(elem), v); // sastore/castore truncate
            c.emit(Spv.Op.Store, element(s.array(), s.index()), v);
        }

        private int length(Param.Array a) {
            Integer id = lengths.get(a);
            if (id == null) throw unsupported("array " + a.name() + " is not a parameter of the kernel");
            return id;
        }

        // ---- work-items, barriers, atomics ----

        /** get_xxx(dim) as an int: load the built-in vector, take the component, truncate size_t to int. */
        private int thread(Op.ThreadQuery q, int dim) {
            int builtIn = switch (q) {
                case GLOBAL_ID -> Spv.BuiltIn.GlobalInvocationId;
                case LOCAL_ID -> Spv.BuiltIn.LocalInvocationId;
                case GROUP_ID -> Spv.BuiltIn.WorkgroupId;
                case LOCAL_SIZE -> Spv.BuiltIn.WorkgroupSize; // OpenCL's get_local_size
                case GLOBAL_SIZE -> Spv.BuiltIn.GlobalSize;
            };
            int ulong = c.type(Type.LONG);
            int v3 = m.vectorType(ulong, 3);
            int var = builtIns.computeIfAbsent(builtIn, b -> {
                int v = m.globalVariable(m.pointerType(Spv.StorageClass.Input, v3), Spv.StorageClass.Input);
                m.decorate(v, Spv.Decoration.BuiltIn, b);
                m.decorate(v, Spv.Decoration.Constant);
                m.name(v, "__spirv_BuiltIn" + switch (q) {
                    case GLOBAL_ID -> "GlobalInvocationId";
                    case LOCAL_ID -> "LocalInvocationId";
                    case GROUP_ID -> "WorkgroupId";
                    case LOCAL_SIZE -> "WorkgroupSize";
                    case GLOBAL_SIZE -> "GlobalSize";
                });
                return v;
            });
            int vec = c.op(Spv.Op.Load, v3, var);
            int component = c.op(Spv.Op.CompositeExtract, ulong, vec, dim);
            return c.op(Spv.Op.UConvert, c.type(Type.INT), component);
        }

        /**
         * barrier(CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE), as the OpenCL C renderer emits: work-group
         * execution scope and memory scope, sequentially consistent over both local and global memory
         * (kernels may share data through global memory inside a work-group too).
         */
        private void barrier(Instr.Barrier b) { // JavaSemantics refuses grid-wide ones for SPIR-V
            int scope = c.constant(Type.INT, Spv.Scope.Workgroup);
            int semantics = c.constant(Type.INT, Spv.MemorySemantics.SequentiallyConsistent
                    | Spv.MemorySemantics.WorkgroupMemory | Spv.MemorySemantics.CrossWorkgroupMemory);
            c.emit(Spv.Op.ControlBarrier, scope, scope, semantics);
        }

        /** OpenCL 1.2's atomic_add: relaxed, device scope for global arrays and work-group scope for local ones. */
        private void atomicAdd(Instr.AtomicAdd a) {
            Type t = a.array().elementType();
            if (t != Type.INT && t != Type.LONG)
                throw unsupported("atomicAdd on " + t + " arrays (only int and long arrays are supported)");
            if (t == Type.LONG) m.capability(Spv.Capability.Int64Atomics);
            int scope = c.constant(Type.INT, a.array() instanceof LocalArray ? Spv.Scope.Workgroup : Spv.Scope.Device);
            int semantics = c.constant(Type.INT, Spv.MemorySemantics.Relaxed);
            int old = c.op(Spv.Op.AtomicIAdd, c.type(t), element(a.array(), a.index()), scope, semantics, value(a.value()));
            if (a.dst() != null) store(a.dst(), old);
        }

        private UnsupportedOperationException unsupported(String what) { return k.unsupported("SPIR-V", current, what); }
    }
}
