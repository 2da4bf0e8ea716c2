package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.List;

import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/** Cases for {@link MathKernels}. */
final class MathCases {
    static final int N = 1031;

    private MathCases() {}

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.named("kernelMathFloatUnary").kernel(MathKernels::kernelMathFloatUnary)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -8, 8)), out(new FloatArray(8 * N))))
                        .tolerance(Tolerance.TRANSCENDENTAL).build(),
                ConformanceCase.named("kernelMathFloatBinary").kernel(MathKernels::kernelMathFloatBinary)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -6, 6)), in(RandomData.floatArray(r, N, -3, 3)), out(new FloatArray(8 * N))))
                        .tolerance(Tolerance.TRANSCENDENTAL).build(),
                ConformanceCase.named("kernelMathDouble").kernel(MathKernels::kernelMathDouble)
                        .inputs(r -> List.of(in(RandomData.doubleArray(r, N, -6, 6)), in(RandomData.doubleArray(r, N, -3, 3)), out(new DoubleArray(10 * N))))
                        .tolerance(Tolerance.TRANSCENDENTAL).build(),
                ConformanceCase.named("javaMathDouble").kernel(MathKernels::javaMathDouble)
                        .inputs(r -> List.of(in(RandomData.doubleArray(r, N, -6, 6)), in(RandomData.doubleArray(r, N, -6, 6)), out(new DoubleArray(12 * N))))
                        .tolerance(Tolerance.TRANSCENDENTAL).build(),
                ConformanceCase.named("javaMathOnFloats").kernel(MathKernels::javaMathOnFloats)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -6, 6)), in(RandomData.floatArray(r, N, -6, 6)), out(new FloatArray(7 * N))))
                        .tolerance(Tolerance.TRANSCENDENTAL).build(),
                ConformanceCase.named("minMaxNaNAndZeros").kernel(MathKernels::minMaxNaNAndZeros)
                        .inputs(r -> {
                            FloatArray[] p = RandomData.comparisonPairs(r, N);
                            return List.of(in(p[0]), in(p[1]), out(new FloatArray(4 * N)));
                        }).tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("minMaxNaNAndZerosDouble").kernel(MathKernels::minMaxNaNAndZerosDouble)
                        .inputs(r -> {
                            DoubleArray[] p = RandomData.doubleComparisonPairs(r, N);
                            return List.of(in(p[0]), in(p[1]), out(new DoubleArray(4 * N)));
                        }).tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("integerMinMaxAbs").kernel(MathKernels::integerMinMaxAbs)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), in(RandomData.anyInts(r, N)), out(new IntArray(4 * N)))).build(),
                ConformanceCase.named("rowSoftmax").kernel(MathKernels::rowSoftmax)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 37 * 61, -10, 10)), out(new FloatArray(37 * 61)), scalar(37), scalar(61)))
                        .tolerance(Tolerance.TRANSCENDENTAL.withScale(0.01)).build(),
                ConformanceCase.named("rmsNorm").kernel(MathKernels::rmsNorm)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 29 * 96, -3, 3)), in(RandomData.floatArray(r, 96, 0.5f, 1.5f)),
                                out(new FloatArray(29 * 96)), scalar(29), scalar(96), scalar(1e-6f)))
                        .tolerance(Tolerance.TRANSCENDENTAL).build());
    }
}
