package org.trm4j.jit.ptx;

import org.junit.jupiter.api.Test;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.opencl.TestIr;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** ptxas on hand-built IR covering every operator, conversion and intrinsic, and on a broken module. */
class PtxAssemblerTest {

    @Test
    void refusedModuleThrowsWithPtxasLogAndNumberedSource() {
        PtxAssembler ptxas = PtxAssemblesEveryKernelTest.assemblerOrFail();
        String broken = ".version 7.0\n.target sm_70\n.address_size 64\n.visible .entry k()\n{\n    .reg .b32 %r<2>;\n    add.s32 %r0, %r9, 1;\n    ret;\n}\n";
        var e = assertThrows(PtxAssemblyException.class, () -> ptxas.assemble(broken, "sm_80", "broken test module"));
        assertTrue(e.log().contains("line 7"), e.log());
        assertTrue(e.getMessage().contains("broken test module"), e.getMessage());
        assertTrue(e.getMessage().contains("    7      add.s32 %r0, %r9, 1;"), e.getMessage());
    }

    @Test
    void assembledModuleIsACubin() {
        PtxAssembler ptxas = PtxAssemblesEveryKernelTest.assemblerOrFail();
        var out = ptxas.assemble(PtxRenderer.render(TestIr.binary("add", Type.FLOAT, Op.Binary.ADD)), "sm_75", "add");
        assertTrue(out.cubin().length > 4 && out.cubin()[0] == 0x7f && out.cubin()[1] == 'E', "an ELF cubin");
    }

    @Test
    void everyOperatorConversionAndIntrinsicAssembles() {
        PtxAssembler ptxas = PtxAssemblesEveryKernelTest.assemblerOrFail();
        List<Kernel> kernels = TestIr.everyOperation();
        List<String> failures = new ArrayList<>();
        kernels.parallelStream().forEach(k -> {
            String ptx;
            try {
                ptx = PtxRenderer.render(k);
            } catch (RuntimeException e) {
                synchronized (failures) { failures.add(k.name + ": " + e); }
                return;
            }
            for (String arch : PtxAssemblesEveryKernelTest.ARCHS) {
                try {
                    ptxas.assemble(ptx, arch, k.name);
                } catch (PtxAssemblyException e) {
                    synchronized (failures) { failures.add(k.name + " " + arch + ": " + (failures.isEmpty() ? e.getMessage() : e.log())); }
                }
            }
        });
        if (!failures.isEmpty()) fail(failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(5, failures.size()))));
        System.out.println("[ptx] " + kernels.size() + " hand-built kernels assembled for " + PtxAssemblesEveryKernelTest.ARCHS);
    }
}
