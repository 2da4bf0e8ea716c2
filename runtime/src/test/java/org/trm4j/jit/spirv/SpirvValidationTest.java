package org.trm4j.jit.spirv;

import org.junit.jupiter.api.Test;
import org.trm4j.jit.frontend.KernelCompileException;
import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.IrVerifier;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.lower.BoundsCheckPass;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
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
                // and with -Dtrm.checkBounds's checks, which add blocks, atomics and a hidden parameter
                SpirvTools.requireValid(SpirvRenderer.render(BoundsCheckPass.apply(k, m.getParameterCount())), where + " (bounds-checked)");
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
        List<Kernel> kernels = TestIr.everyOperation();
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
