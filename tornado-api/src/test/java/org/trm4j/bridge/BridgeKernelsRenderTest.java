package org.trm4j.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.opencl.OpenClRenderer;
import org.trm4j.jit.ptx.PtxAssembler;
import org.trm4j.jit.ptx.PtxRenderer;
import org.trm4j.jit.spirv.SpirvRenderer;
import org.trm4j.jit.spirv.SpirvTools;
import org.trm4j.runtime.Reductions;

/**
 * Every TornadoVM-style kernel of the bridge tests goes through trm4j's JIT as the devices compile it (reductions
 * lowered) and renders to OpenCL C, to PTX that ptxas accepts (sm_80) and to SPIR-V that spirv-val accepts.
 */
class BridgeKernelsRenderTest {

    @Test
    void everyBridgeKernelRendersForEveryTarget() {
        var ptxas = PtxAssembler.find();
        if (ptxas.isEmpty() && System.getenv("TRM_ALLOW_MISSING_PTXAS") == null)
            fail("ptxas not found: install the CUDA toolkit or set TRM_ALLOW_MISSING_PTXAS=1");
        List<Method> kernels = new ArrayList<>();
        for (Method m : Kernels.class.getDeclaredMethods())
            if (Modifier.isStatic(m.getModifiers()) && m.getReturnType() == void.class && !m.isSynthetic()) kernels.add(m);
        kernels.sort(Comparator.comparing(Method::getName));
        List<String> lowered = new ArrayList<>();
        for (Method m : kernels) {
            Kernel k = Reductions.lower(m, KernelCompiler.compile(m));
            if (k.reduction != null) lowered.add(m.getName());
            OpenClRenderer.render(k);
            SpirvTools.requireValid(SpirvRenderer.render(k), m.getName());
            ptxas.ifPresent(a -> a.assemble(PtxRenderer.render(k), "sm_80", m.getName()));
        }
        assertEquals(List.of("maxDouble", "maxFloat", "maxInt", "maxLong", "minDouble", "minFloat", "minInt", "minLong",
                "sumDouble", "sumFloat", "sumInt", "sumLong"), lowered, "reductions lowered to the parallel form");
    }
}
