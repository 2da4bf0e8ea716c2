package org.trm4j.jit.jvm;

import org.trm4j.jit.ir.Type;

import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/** The classes and descriptors the rendered bytecode refers to. */
final class JvmNames {
    private JvmNames() {}

    static final ClassDesc KERNEL_MATH = ClassDesc.of("org.trm4j.api.KernelMath");
    static final ClassDesc MATH = ClassDesc.of("java.lang.Math");
    static final ClassDesc FLOAT = ClassDesc.of("java.lang.Float");
    static final ClassDesc DOUBLE = ClassDesc.of("java.lang.Double");
    static final ClassDesc NATIVE_ARRAY = ClassDesc.of("org.trm4j.api.NativeArray");
    static final ClassDesc SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    static final ClassDesc BYTE_ORDER = ClassDesc.of("java.nio.ByteOrder");

    private static final String VEC = "jdk.incubator.vector.";
    static final ClassDesc FLOAT_VECTOR = ClassDesc.of(VEC + "FloatVector");
    static final ClassDesc VECTOR = ClassDesc.of(VEC + "Vector");
    static final ClassDesc VECTOR_SPECIES = ClassDesc.of(VEC + "VectorSpecies");
    static final ClassDesc OPERATORS = ClassDesc.of(VEC + "VectorOperators");
    static final ClassDesc UNARY_OP = ClassDesc.of(VEC + "VectorOperators$Unary");
    static final ClassDesc BINARY_OP = ClassDesc.of(VEC + "VectorOperators$Binary");
    static final ClassDesc VECTOR_MASK = ClassDesc.of(VEC + "VectorMask");
    static final ClassDesc COMPARISON = ClassDesc.of(VEC + "VectorOperators$Comparison");
    static final ClassDesc TEST_OP = ClassDesc.of(VEC + "VectorOperators$Test");

    /** The NativeArray class whose elements have this type. */
    static ClassDesc arrayClass(Type element) {
        String name = switch (element) {
            case FLOAT -> "FloatArray";
            case INT -> "IntArray";
            case DOUBLE -> "DoubleArray";
            case LONG -> "LongArray";
            case BYTE -> "ByteArray";
            case SHORT -> "ShortArray";
            case CHAR -> "CharArray";
            case HALF -> "HalfArray";
            case BOOL -> throw new IllegalArgumentException("no array of BOOL");
        };
        return ClassDesc.of("org.trm4j.api." + name);
    }

    /** The Java type of an element as its array's get/set take it. */
    static ClassDesc elementDesc(Type element) {
        return switch (element) {
            case FLOAT, HALF -> ConstantDescs.CD_float;
            case INT -> ConstantDescs.CD_int;
            case DOUBLE -> ConstantDescs.CD_double;
            case LONG -> ConstantDescs.CD_long;
            case BYTE -> ConstantDescs.CD_byte;
            case SHORT -> ConstantDescs.CD_short;
            case CHAR -> ConstantDescs.CD_char;
            case BOOL -> ConstantDescs.CD_boolean;
        };
    }

    /** The descriptor type of a register (BOOL as int: the JVM holds booleans as ints; the device passes 0 or 1). */
    static ClassDesc regDesc(Type t) {
        return switch (t) {
            case BOOL, INT, BYTE, SHORT, CHAR -> ConstantDescs.CD_int;
            case LONG -> ConstantDescs.CD_long;
            case FLOAT, HALF -> ConstantDescs.CD_float;
            case DOUBLE -> ConstantDescs.CD_double;
        };
    }

    static TypeKind kind(Type t) {
        return switch (t) {
            case BOOL, INT, BYTE, SHORT, CHAR -> TypeKind.INT;
            case LONG -> TypeKind.LONG;
            case FLOAT, HALF -> TypeKind.FLOAT;
            case DOUBLE -> TypeKind.DOUBLE;
        };
    }

    static MethodTypeDesc fn(ClassDesc ret, ClassDesc... params) { return MethodTypeDesc.of(ret, params); }
}
