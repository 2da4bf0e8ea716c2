package org.trm4j.jit.spirv;

import org.junit.jupiter.api.Test;
import org.trm4j.jit.frontend.KernelCompileException;
import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Instr;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.ir.Value;
import org.trm4j.jit.opencl.OpenClRenderer;
import org.trm4j.jit.opencl.TestIr;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every module the renderer writes passes spirv-val (OpenCL 2.1 rules). The tools are required:
 * without spirv-val these tests fail with the install hint, they never skip.
 */
class SpirvValidationTest {

    @Test
    void everyTestKernelTheFrontEndCompilesGivesAValidModule() {
        List<String> failures = new ArrayList<>();
        int valid = 0, frontEndRejects = 0, rendererRejects = 0;
        List<Method> methods = TestKernelMethods.all();
        assertTrue(methods.size() > 20, "found only " + methods.size() + " test kernel methods");
        for (Method m : methods) {
            Kernel k;
            try {
                k = KernelCompiler.compile(m);
            } catch (KernelCompileException e) {
                frontEndRejects++;
                continue;
            }
            String where = m.getDeclaringClass().getName() + "." + m.getName();
            if (rejectedByOpenClRenderer(k)) {
                // The SPIR-V renderer must refuse what the OpenCL C one refuses (global barriers), not emit something wrong.
                try {
                    SpirvRenderer.render(k);
                    failures.add(where + ": the OpenCL renderer rejects it but the SPIR-V renderer rendered it");
                } catch (UnsupportedOperationException e) {
                    rendererRejects++;
                }
                continue;
            }
            try {
                SpirvTools.requireValid(SpirvRenderer.render(k), where);
                valid++;
            } catch (RuntimeException e) {
                failures.add(where + ": " + e.getMessage());
            }
        }
        System.out.printf("spirv-val: %d modules valid, %d kernels rejected by the front end, %d rejected by both renderers, %d failures%n",
                valid, frontEndRejects, rendererRejects, failures.size());
        if (!failures.isEmpty()) fail(failures.size() + " kernel(s) gave invalid SPIR-V:\n" + String.join("\n\n", failures));
        assertTrue(valid > 20, "only " + valid + " modules were checked");
    }

    private static boolean rejectedByOpenClRenderer(Kernel k) {
        try {
            OpenClRenderer.render(k);
            return false;
        } catch (UnsupportedOperationException e) {
            return true;
        }
    }

    /** Hand-built IR for every operator, conversion, comparison and intrinsic on every type that has it. */
    @Test
    void everyOperationOnEveryTypeGivesAValidModule() {
        List<Kernel> kernels = new ArrayList<>();
        Type[] numeric = {Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE};
        for (Type t : numeric)
            for (Op.Binary op : Op.Binary.values()) {
                boolean bitOp = op == Op.Binary.AND || op == Op.Binary.OR || op == Op.Binary.XOR
                        || op == Op.Binary.SHL || op == Op.Binary.SHR || op == Op.Binary.USHR;
                if (bitOp && t.isFloating()) continue;
                kernels.add(TestIr.binary(op + "_" + t, t, op));
            }
        Type[] convertible = {Type.INT, Type.LONG, Type.FLOAT, Type.DOUBLE};
        for (Type from : convertible) for (Type to : convertible) kernels.add(TestIr.convert("cv_" + from + "_" + to, from, to));
        kernels.add(TestIr.convert("cv_byte_int", Type.BYTE, Type.INT));
        for (Type t : numeric)
            for (Op.Cond cond : Op.Cond.values())
                for (boolean unordered : t.isFloating() ? new boolean[] {false, true} : new boolean[] {false})
                    kernels.add(TestIr.compare("cmp_" + t + "_" + cond + (unordered ? "_u" : ""), t, cond, unordered));
        for (Type t : new Type[] {Type.FLOAT, Type.DOUBLE}) {
            for (Op.Intrinsic fn : Op.Intrinsic.values())
                if (fn != Op.Intrinsic.ISNAN) kernels.add(TestIr.call("call_" + fn + "_" + t, t, t, fn));
            // ISNAN returns a bool, which no array holds: select an int from it.
            kernels.add(TestIr.map2("isnan_" + t, t, t, Type.INT, (k, blk, x, y) -> {
                Value.Reg nan = k.newReg(Type.BOOL, "nan");
                Value.Reg r = k.newReg(Type.INT, "r");
                blk.instrs.add(new Instr.Call(nan, Op.Intrinsic.ISNAN, List.of(x)));
                blk.instrs.add(new Instr.Select(r, nan, Value.Const.i32(1), Value.Const.i32(0)));
                return r;
            }));
        }
        for (Type t : new Type[] {Type.INT, Type.LONG})
            for (Op.Intrinsic fn : List.of(Op.Intrinsic.ABS, Op.Intrinsic.MIN, Op.Intrinsic.MAX))
                kernels.add(TestIr.call("call_" + fn + "_" + t, t, t, fn));
        kernels.add(TestIr.constant("nan", Value.Const.f32(Float.NaN)));
        kernels.add(TestIr.constant("negzero", Value.Const.f64(-0.0)));
        kernels.add(TestIr.constant("minlong", Value.Const.i64(Long.MIN_VALUE)));
        List<String> failures = new ArrayList<>();
        for (Kernel k : kernels) {
            IrVerifier.verify(k, "the test's hand-built IR");
            try {
                SpirvTools.requireValid(SpirvRenderer.render(k), k.name);
            } catch (RuntimeException e) {
                failures.add(k.name + ": " + e.getMessage());
            }
        }
        System.out.printf("spirv-val: %d hand-built modules, %d failures%n", kernels.size(), failures.size());
        if (!failures.isEmpty()) fail(failures.size() + " hand-built kernel(s) gave invalid SPIR-V:\n" + String.join("\n\n", failures));
    }

    @Test
    void theValidatorRejectsABrokenModuleAndSaysWhy() {
        byte[] module = SpirvRenderer.render(TestIr.binary("add", Type.INT, Op.Binary.ADD));
        // Word 3 of the header is the id bound: shrinking it to 2 makes nearly every id out of range.
        module[12] = 2;
        module[13] = module[14] = module[15] = 0;
        SpirvTools.Result r = SpirvTools.validate(module);
        assertTrue(!r.ok(), "spirv-val accepted a module with a wrong id bound");
        InvalidSpirvException e = assertThrows(InvalidSpirvException.class, () -> SpirvTools.requireValid(module, "broken"));
        assertTrue(e.getMessage().contains(r.output().strip()), e.getMessage());
        assertTrue(e.getMessage().contains("spirv-val rejected the SPIR-V of broken"), e.getMessage());
        assertTrue(r.output().toLowerCase().contains("bound"), r.output());
    }

    @Test
    void theDisassemblyShowsTheOpenClEnvironment() {
        String dis = SpirvTools.disassemble(SpirvRenderer.render(TestIr.call("mn", Type.FLOAT, Type.FLOAT, Op.Intrinsic.MIN)));
        for (String s : List.of("OpCapability Addresses", "OpCapability Kernel", "OpCapability Int64", "OpExtInstImport \"OpenCL.std\"",
                "OpMemoryModel Physical64 OpenCL", "OpEntryPoint Kernel", "OpExecutionMode", "ContractionOff", "BuiltIn GlobalInvocationId",
                "CrossWorkgroup"))
            assertTrue(dis.contains(s), s + " missing in\n" + dis);
        assertEquals(1, dis.split("OpExtInstImport", -1).length - 1, dis);
    }
}
