package org.trm4j.conformance;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.List;

import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/** Cases for {@link ControlFlowKernels}. */
final class ControlFlowCases {
    static final int N = 1031;

    private ControlFlowCases() {}

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.named("ifElseChain").kernel(ControlFlowKernels::ifElseChain)
                        .inputs(r -> {
                            IntArray a = RandomData.intArray(r, N, -1000, 1000);
                            for (int i = 0; i < N; i += 17) a.set(i, 0);
                            return List.of(in(a), out(new IntArray(N)));
                        }).build(),
                ConformanceCase.named("ternaryAtMerge").kernel(ControlFlowKernels::ternaryAtMerge)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -5, 5, RandomData.FLOAT_SPECIALS)), out(new FloatArray(N))))
                        .tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("nestedTernary").kernel(ControlFlowKernels::nestedTernary)
                        .inputs(r -> List.of(in(RandomData.intArray(r, N, -20, 20)), in(RandomData.intArray(r, N, -20, 20)), out(new IntArray(N)))).build(),
                ConformanceCase.named("forLoopPolynomial").kernel(ControlFlowKernels::forLoopPolynomial)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -1.5f, 1.5f)), in(RandomData.floatArray(r, 9, -1, 1)),
                                out(new FloatArray(N)), scalar(8)))
                        .tolerance(Tolerance.ARITHMETIC.withScale(4)).build(),
                ConformanceCase.named("whileCollatz").kernel(ControlFlowKernels::whileCollatz)
                        .inputs(r -> List.of(in(RandomData.intArray(r, N, 1, 100000)), out(new IntArray(N)))).build(),
                ConformanceCase.named("doWhileDigitSum").kernel(ControlFlowKernels::doWhileDigitSum)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), out(new IntArray(N)))).build(),
                ConformanceCase.named("breakContinue").kernel(ControlFlowKernels::breakContinue)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), out(new IntArray(N)))).build(),
                ConformanceCase.named("labelledBreakContinue").kernel(ControlFlowKernels::labelledBreakContinue)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), out(new IntArray(N)))).build(),
                ConformanceCase.named("loopUntilThreshold").kernel(ControlFlowKernels::loopUntilThreshold)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -50, 50, new float[]{0.0f, Float.NaN, 1e30f})),
                                out(new IntArray(N)), scalar(1000.0f))).build(),
                ConformanceCase.named("helperCalls").kernel(ControlFlowKernels::helperCalls)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -4, 4)), in(RandomData.intArray(r, N, -2000, 2000)), out(new FloatArray(N))))
                        .tolerance(Tolerance.BIT_EXACT).build());
    }
}
