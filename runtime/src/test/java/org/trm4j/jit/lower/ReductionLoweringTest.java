package org.trm4j.jit.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;
import org.trm4j.api.Reduce;
import org.trm4j.conformance.ReductionAndLocalArrayKernels;
import org.trm4j.jit.frontend.KernelCompiler;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;
import org.trm4j.jit.opencl.OpenClRenderer;
import org.trm4j.jit.ptx.PtxAssembler;
import org.trm4j.jit.ptx.PtxRenderer;
import org.trm4j.jit.spirv.SpirvRenderer;
import org.trm4j.jit.spirv.SpirvTools;
import org.trm4j.runtime.Reductions;

/**
 * The @Reduce lowering: which loops it takes, what it adds, and that its IR renders to OpenCL C, to PTX that
 * ptxas accepts (sm_75/80/90) and to SPIR-V that spirv-val accepts, plain and bounds-checked.
 */
class ReductionLoweringTest {

    /** Two writes of the @Reduce array: not the shape, left to the one-work-item fallback. */
    public static void twoWrites(FloatArray in, @Reduce FloatArray result) {
        for (@Parallel int i = 0; i < in.getSize(); i++) {
            result.set(0, result.get(0) + in.get(i));
            result.set(1, in.get(i));
        }
    }

    /** Subtraction is not a reduction operator here. */
    public static void subtracts(IntArray in, @Reduce IntArray result) {
        for (@Parallel int i = 0; i < in.getSize(); i++) result.set(0, result.get(0) - in.get(i));
    }

    private static List<Method> reductionKernels() {
        List<Method> out = new ArrayList<>();
        for (Method m : ReductionAndLocalArrayKernels.class.getDeclaredMethods())
            if (m.getName().startsWith("reduce")) out.add(m);
        out.sort(java.util.Comparator.comparing(Method::getName));
        return out;
    }

    @Test
    void everyConformanceReductionIsLoweredWithTwoHiddenParameters() {
        List<Method> kernels = reductionKernels();
        assertEquals(5, kernels.size(), kernels.toString());
        for (Method m : kernels) {
            Kernel k = Reductions.lower(m, KernelCompiler.compile(m));
            assertNotNull(k.reduction, m.getName() + " was not lowered");
            int n = m.getParameterCount();
            assertEquals(n + 1, k.reduction.partials().javaIndex(), m.getName());
            assertEquals(n + 2, k.reduction.phase().javaIndex(), m.getName());
            assertTrue(k.params.contains(k.reduction.partials()) && k.params.contains(k.reduction.phase()));
            assertEquals(1, k.localArrays.size(), m.getName());
            assertNull(KernelCompiler.compile(m).reduction, "the front end's cached IR must stay unlowered");
        }
    }

    @Test
    void otherShapesAreLeftAlone() throws Exception {
        for (String name : List.of("twoWrites", "subtracts")) {
            Method m = java.util.Arrays.stream(ReductionLoweringTest.class.getDeclaredMethods())
                    .filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
            Kernel k = KernelCompiler.compile(m);
            assertEquals(1, k.reductionParams.size(), name);
            assertNull(ReductionLowering.apply(k, m.getParameterCount() + 1), name);
            assertEquals(k, Reductions.lower(m, k), name);
        }
    }

    @Test
    void loweredReductionsRenderAndPassPtxasAndSpirvVal() {
        var found = PtxAssembler.find();
        if (found.isEmpty() && System.getenv("TRM_ALLOW_MISSING_PTXAS") == null)
            fail("ptxas not found: install the CUDA toolkit or set TRM_ALLOW_MISSING_PTXAS=1");
        for (Method m : reductionKernels()) {
            Kernel k = Reductions.lower(m, KernelCompiler.compile(m));
            for (Kernel variant : List.of(k, BoundsCheckPass.apply(k, m.getParameterCount()))) {
                String where = m.getName() + (variant.checkedAccesses != null ? " (bounds-checked)" : "");
                assertTrue(OpenClRenderer.render(variant).contains("barrier"), where + ": no barrier in the OpenCL C");
                SpirvTools.requireValid(SpirvRenderer.render(variant), where);
                if (found.isPresent())
                    for (String arch : List.of("sm_75", "sm_80", "sm_90")) found.get().assemble(PtxRenderer.render(variant), arch, where);
            }
        }
    }

    @Test
    void partialsParameterHasTheReducedType() {
        for (Method m : reductionKernels()) {
            Kernel k = Reductions.lower(m, KernelCompiler.compile(m));
            Param.Array reduced = (Param.Array) k.params.stream()
                    .filter(p -> p.javaIndex() == k.reductionParams.getFirst()).findFirst().orElseThrow();
            assertEquals(reduced.elementType(), k.reduction.partials().elementType(), m.getName());
        }
    }
}
