package org.trm4j.jit.spirv;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A SPIR-V module under construction: result ids, one writer per section (the spec fixes their
 * order, see {@link #toBytes}), and types and constants made once each, so that callers can ask
 * for {@code intType(32)} as often as they like (SPIR-V forbids two identical non-aggregate types).
 */
public final class SpirvModule {
    private int nextId = 1;
    private final Set<Integer> capabilities = new LinkedHashSet<>();
    /** OpExtInstImport. */
    public final SpirvWriter imports = new SpirvWriter();
    /** OpEntryPoint. */
    public final SpirvWriter entryPoints = new SpirvWriter();
    /** OpExecutionMode. */
    public final SpirvWriter executionModes = new SpirvWriter();
    /** OpSource and OpName. */
    public final SpirvWriter debug = new SpirvWriter();
    /** OpDecorate. */
    public final SpirvWriter annotations = new SpirvWriter();
    /** Types, constants and module-scope variables, in dependency order (each is appended after what it uses). */
    public final SpirvWriter globals = new SpirvWriter();
    /** Function definitions. */
    public final SpirvWriter functions = new SpirvWriter();

    private final Map<String, Integer> unique = new HashMap<>();

    /** A fresh result id. */
    public int id() { return nextId++; }

    public void capability(int capability) { capabilities.add(capability); }

    public void name(int target, String name) { debug.emitWithString(Spv.Op.Name, new int[] {target}, name); }

    public void decorate(int target, int decoration, int... literals) {
        int[] ops = new int[literals.length + 2];
        ops[0] = target;
        ops[1] = decoration;
        System.arraycopy(literals, 0, ops, 2, literals.length);
        annotations.emit(Spv.Op.Decorate, ops);
    }

    // ---- types ----

    public int voidType() { return type("void", Spv.Op.TypeVoid); }

    public int boolType() { return type("bool", Spv.Op.TypeBool); }

    /** Signedness is always 0 in the OpenCL environment: signedness lives in the instructions. */
    public int intType(int width) {
        if (width == 8) capability(Spv.Capability.Int8);
        if (width == 64) capability(Spv.Capability.Int64);
        if (width == 16) capability(Spv.Capability.Int16);
        return type("int" + width, Spv.Op.TypeInt, width, 0);
    }

    public int floatType(int width) {
        if (width == 64) capability(Spv.Capability.Float64);
        if (width == 16) capability(Spv.Capability.Float16Buffer); // halves as storage only (vload_half/vstore_half)
        return type("float" + width, Spv.Op.TypeFloat, width);
    }

    public int vectorType(int component, int count) { return type("vec " + component + " " + count, Spv.Op.TypeVector, component, count); }

    public int pointerType(int storageClass, int pointee) { return type("ptr " + storageClass + " " + pointee, Spv.Op.TypePointer, storageClass, pointee); }

    /** An array of {@code length} elements; the length is a 32-bit constant, as the spec requires an integer constant. */
    public int arrayType(int element, int length) {
        int len = constantInt(32, length);
        return type("array " + element + " " + len, Spv.Op.TypeArray, element, len);
    }

    public int functionType(int returnType, int... params) {
        int[] ops = new int[params.length + 1];
        ops[0] = returnType;
        System.arraycopy(params, 0, ops, 1, params.length);
        StringBuilder key = new StringBuilder("fn");
        for (int o : ops) key.append(' ').append(o);
        return type(key.toString(), Spv.Op.TypeFunction, ops);
    }

    private int type(String key, int opcode, int... operands) {
        Integer have = unique.get(key);
        if (have != null) return have;
        int id = id();
        int[] ops = new int[operands.length + 1];
        ops[0] = id;
        System.arraycopy(operands, 0, ops, 1, operands.length);
        globals.emit(opcode, ops);
        unique.put(key, id);
        return id;
    }

    // ---- constants ----

    public int constantBool(boolean value) {
        int t = boolType();
        return constant("bool " + value, value ? Spv.Op.ConstantTrue : Spv.Op.ConstantFalse, t);
    }

    /** An integer constant of {@code width} bits (8, 32 or 64); narrower values keep only their low bits, as the spec wants. */
    public int constantInt(int width, long value) {
        int t = intType(width);
        return switch (width) {
            case 64 -> constant("i64 " + value, Spv.Op.Constant, t, (int) value, (int) (value >>> 32));
            case 32 -> constant("i32 " + (int) value, Spv.Op.Constant, t, (int) value);
            default -> {
                int bits = (int) (value & ((1L << width) - 1));
                yield constant("i" + width + " " + bits, Spv.Op.Constant, t, bits);
            }
        };
    }

    /** A float constant by its bit pattern, so that NaN payloads and -0.0 survive. */
    public int constantFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        return constant("f32 " + bits, Spv.Op.Constant, floatType(32), bits);
    }

    public int constantDouble(double value) {
        long bits = Double.doubleToRawLongBits(value);
        return constant("f64 " + bits, Spv.Op.Constant, floatType(64), (int) bits, (int) (bits >>> 32));
    }

    private int constant(String key, int opcode, int type, int... literals) {
        Integer have = unique.get(key);
        if (have != null) return have;
        int id = id();
        int[] ops = new int[literals.length + 2];
        ops[0] = type;
        ops[1] = id;
        System.arraycopy(literals, 0, ops, 2, literals.length);
        globals.emit(opcode, ops);
        unique.put(key, id);
        return id;
    }

    // ---- module-scope variables ----

    /** A module-scope OpVariable of {@code pointerType} in {@code storageClass} (built-ins, work-group arrays). */
    public int globalVariable(int pointerType, int storageClass) {
        int id = id();
        globals.emit(Spv.Op.Variable, pointerType, id, storageClass);
        return id;
    }

    // ---- output ----

    /**
     * The module as bytes, little-endian, sections in the order of the spec's "Logical Layout of a
     * Module": capabilities, extended instruction imports, the memory model, entry points, execution
     * modes, debug names, annotations, types/constants/globals, functions.
     */
    public byte[] toBytes(int version, int addressingModel, int memoryModel) {
        SpirvWriter out = new SpirvWriter();
        for (int c : capabilities) out.emit(Spv.Op.Capability, c);
        out.append(imports);
        out.emit(Spv.Op.MemoryModel, addressingModel, memoryModel);
        out.append(entryPoints);
        out.append(executionModes);
        out.append(debug);
        out.append(annotations);
        out.append(globals);
        out.append(functions);
        int[] body = out.words();
        ByteBuffer b = ByteBuffer.allocate((5 + body.length) * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(Spv.MAGIC).putInt(version).putInt(0 /* generator: unregistered */).putInt(nextId /* bound */).putInt(0);
        for (int w : body) b.putInt(w);
        return b.array();
    }
}
