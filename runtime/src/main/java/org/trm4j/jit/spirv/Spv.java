package org.trm4j.jit.spirv;

/**
 * The numbers of the SPIR-V specification (unified1) and the OpenCL.std extended instruction set
 * that the renderer uses; nothing else. Names follow the spec so that they can be looked up there.
 */
public final class Spv {
    private Spv() {}

    public static final int MAGIC = 0x07230203;
    /** SPIR-V 1.0: what OpenCL 2.1 drivers and llvm-spirv-15 all read. */
    public static final int VERSION_1_0 = 0x00010000;

    /** Opcodes. */
    public static final class Op {
        private Op() {}
        public static final int Source = 3, Name = 5, ExtInstImport = 11, ExtInst = 12, MemoryModel = 14,
                EntryPoint = 15, ExecutionMode = 16, Capability = 17,
                TypeVoid = 19, TypeBool = 20, TypeInt = 21, TypeFloat = 22, TypeVector = 23, TypeArray = 28,
                TypePointer = 32, TypeFunction = 33,
                ConstantTrue = 41, ConstantFalse = 42, Constant = 43,
                Function = 54, FunctionParameter = 55, FunctionEnd = 56,
                Variable = 59, Load = 61, Store = 62, InBoundsAccessChain = 66, InBoundsPtrAccessChain = 70,
                Decorate = 71, CompositeExtract = 81,
                ConvertFToS = 110, ConvertSToF = 111, UConvert = 113, SConvert = 114, FConvert = 115, Bitcast = 124,
                SNegate = 126, FNegate = 127, IAdd = 128, FAdd = 129, ISub = 130, FSub = 131, IMul = 132, FMul = 133,
                SDiv = 135, FDiv = 136, SRem = 138,
                IsNan = 156, IsInf = 157,
                LogicalEqual = 164, LogicalNotEqual = 165, LogicalOr = 166, LogicalAnd = 167, LogicalNot = 168,
                Select = 169, IEqual = 170, INotEqual = 171, SGreaterThan = 173, SGreaterThanEqual = 175,
                SLessThan = 177, SLessThanEqual = 179,
                FOrdEqual = 180, FUnordEqual = 181, FOrdNotEqual = 182, FUnordNotEqual = 183,
                FOrdLessThan = 184, FUnordLessThan = 185, FOrdGreaterThan = 186, FUnordGreaterThan = 187,
                FOrdLessThanEqual = 188, FUnordLessThanEqual = 189, FOrdGreaterThanEqual = 190, FUnordGreaterThanEqual = 191,
                ShiftRightLogical = 194, ShiftRightArithmetic = 195, ShiftLeftLogical = 196,
                BitwiseOr = 197, BitwiseXor = 198, BitwiseAnd = 199,
                ControlBarrier = 224, AtomicIAdd = 234,
                Label = 248, Branch = 249, BranchConditional = 250, Return = 253;
    }

    public static final class Capability {
        private Capability() {}
        public static final int Addresses = 4, Kernel = 6, Float16Buffer = 8, Float64 = 10, Int64 = 11, Int64Atomics = 12, Int16 = 22, Int8 = 39;
    }

    public static final int ADDRESSING_PHYSICAL64 = 2;
    public static final int MEMORY_MODEL_OPENCL = 2;
    public static final int EXECUTION_MODEL_KERNEL = 6;
    /** Execution mode: no contraction of a*b+c into fma (Java never contracts). */
    public static final int EXECUTION_MODE_CONTRACTION_OFF = 31;
    public static final int SOURCE_LANGUAGE_OPENCL_C = 3;
    /** OpenCL C 1.2 as OpSource encodes it (major * 100000 + minor * 1000). */
    public static final int SOURCE_VERSION_OPENCL_C_1_2 = 102000;
    public static final int FUNCTION_CONTROL_NONE = 0;

    public static final class StorageClass {
        private StorageClass() {}
        public static final int Input = 1, Workgroup = 4, CrossWorkgroup = 5, Function = 7;
    }

    public static final class Decoration {
        private Decoration() {}
        public static final int BuiltIn = 11, Constant = 22, SaturatedConversion = 28;
    }

    public static final class BuiltIn {
        private BuiltIn() {}
        public static final int WorkgroupSize = 25, WorkgroupId = 26, LocalInvocationId = 27, GlobalInvocationId = 28,
                GlobalSize = 31;
    }

    public static final class Scope {
        private Scope() {}
        public static final int Device = 1, Workgroup = 2;
    }

    public static final class MemorySemantics {
        private MemorySemantics() {}
        public static final int Relaxed = 0, SequentiallyConsistent = 0x10, WorkgroupMemory = 0x100, CrossWorkgroupMemory = 0x200;
    }

    /** OpenCL.std extended instructions. */
    public static final class OpenClStd {
        private OpenClStd() {}
        public static final int atan2 = 7, ceil = 12, cos = 14, exp = 19, fabs = 23, floor = 25, fma = 26, fmod = 29,
                log = 37, pow = 48, rsqrt = 56, sin = 57, sqrt = 61, tanh = 63,
                s_abs = 141, s_max = 156, s_min = 158;
    }
}
