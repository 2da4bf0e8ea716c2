package org.trm4j.conformance;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.List;

import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/** Cases for {@link ArrayTypeKernels}. */
final class ArrayTypeCases {
    static final int N = 1031;

    private ArrayTypeCases() {}

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.named("doubleAxpy").kernel(ArrayTypeKernels::doubleAxpy)
                        .inputs(r -> List.of(scalar(r.nextDouble() * 4 - 2), in(RandomData.doubleArray(r, N, -100, 100)),
                                in(RandomData.doubleArray(r, N, -100, 100)), out(new DoubleArray(N))))
                        .tolerance(Tolerance.ARITHMETIC.withScale(100)).build(),
                ConformanceCase.named("byteArithmetic").kernel(ArrayTypeKernels::byteArithmetic)
                        .inputs(r -> List.of(in(RandomData.anyBytes(r, N)), in(RandomData.anyBytes(r, N)), out(new ByteArray(N)), out(new IntArray(3 * N)))).build(),
                ConformanceCase.named("byteMask").kernel(ArrayTypeKernels::byteMask)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -1, 1, RandomData.FLOAT_SPECIALS)), out(new ByteArray(N)), out(new FloatArray(N))))
                        .tolerance(Tolerance.BIT_EXACT).build());
    }
}
