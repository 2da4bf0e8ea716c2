package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.List;

import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/** Cases for {@link ArithmeticKernels} and {@link BitAndShiftKernels}. */
final class ArithmeticCases {
    /** Odd sizes, so no backend gets a power of two for free. */
    static final int N = 1031;
    static final int LONGS = 517;

    private ArithmeticCases() {}

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.named("intAddSubMul").kernel(ArithmeticKernels::intAddSubMul)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), in(RandomData.anyInts(r, N)), out(new IntArray(N)))).build(),
                ConformanceCase.named("intDivRem").kernel(ArithmeticKernels::intDivRem)
                        .inputs(r -> {
                            IntArray[] p = RandomData.divisionPairs(r, N);
                            return List.of(in(p[0]), in(p[1]), out(new IntArray(N)), out(new IntArray(N)));
                        }).build(),
                ConformanceCase.named("longAddSubMul").kernel(ArithmeticKernels::longAddSubMul)
                        .inputs(r -> List.of(in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))),
                                in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))), out(new IntArray(2 * LONGS)), scalar(LONGS))).build(),
                ConformanceCase.named("longDivRem").kernel(ArithmeticKernels::longDivRem)
                        .inputs(r -> {
                            IntArray[] p = RandomData.longDivisionPairs(r, LONGS);
                            return List.of(in(p[0]), in(p[1]), out(new IntArray(4 * LONGS)), scalar(LONGS));
                        }).build(),
                ConformanceCase.named("floatArith").kernel(ArithmeticKernels::floatArith)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -8, 8, RandomData.FLOAT_SPECIALS)),
                                in(RandomData.signedMagnitudes(r, N, 0.1f, 4)), out(new FloatArray(N))))
                        .tolerance(Tolerance.ARITHMETIC.withScale(8)).build(),
                ConformanceCase.named("floatRem").kernel(ArithmeticKernels::floatRem)
                        .inputs(r -> List.of(in(RandomData.floatArrayWithSpecials(r, N, -100, 100, RandomData.FLOAT_SPECIALS)),
                                in(RandomData.signedMagnitudes(r, N, 0.5f, 10)), out(new FloatArray(N)))).build(),
                ConformanceCase.named("doubleArith").kernel(ArithmeticKernels::doubleArith)
                        .inputs(r -> List.of(in(RandomData.doubleArrayWithSpecials(r, N, -50, 50, RandomData.DOUBLE_SPECIALS)),
                                in(RandomData.signedDoubleMagnitudes(r, N, 0.1, 9)), out(new DoubleArray(3 * N))))
                        .tolerance(Tolerance.ARITHMETIC.withScale(50)).build(),
                ConformanceCase.named("mixedIntFloat").kernel(ArithmeticKernels::mixedIntFloat)
                        .inputs(r -> List.of(in(RandomData.intArray(r, N, -1000, 1000)), in(RandomData.floatArray(r, N, -3, 3)), out(new FloatArray(N))))
                        .tolerance(Tolerance.ARITHMETIC.withScale(1000)).build(),
                ConformanceCase.named("scalarParamsFlagTrue").kernel(ArithmeticKernels::scalarParams)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -2, 2)), out(new FloatArray(N)),
                                scalar(r.nextFloat() * 4 - 2), scalar(r.nextInt(200) - 100), scalar(r.nextLong()), scalar(r.nextDouble() * 3), scalar(true)))
                        .tolerance(Tolerance.ARITHMETIC.withScale(1000)).build(),
                ConformanceCase.named("scalarParamsFlagFalse").kernel(ArithmeticKernels::scalarParams)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -2, 2)), out(new FloatArray(N)),
                                scalar(r.nextFloat() * 4 - 2), scalar(r.nextInt(200) - 100), scalar(-Math.abs(r.nextLong() >> 3)), scalar(r.nextDouble() * 3 - 5), scalar(false)))
                        .tolerance(Tolerance.ARITHMETIC.withScale(1000)).build(),
                ConformanceCase.named("booleanLocals").kernel(ArithmeticKernels::booleanLocals)
                        .inputs(r -> List.of(in(RandomData.intArray(r, N, -300, 300)), out(new IntArray(N)))).build(),
                ConformanceCase.named("allLocalTypes").kernel(ArithmeticKernels::allLocalTypes)
                        .inputs(r -> List.of(in(RandomData.intArray(r, N, -100000, 100000)), in(RandomData.floatArray(r, N, -10, 10)), out(new DoubleArray(N)))).build(),

                ConformanceCase.named("intBitOps").kernel(BitAndShiftKernels::intBitOps)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), in(RandomData.anyInts(r, N)), out(new IntArray(4 * N)))).build(),
                ConformanceCase.named("longBitOps").kernel(BitAndShiftKernels::longBitOps)
                        .inputs(r -> List.of(in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))),
                                in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))), out(new IntArray(8 * LONGS)), scalar(LONGS))).build(),
                ConformanceCase.named("intShifts").kernel(BitAndShiftKernels::intShifts)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), in(RandomData.shiftCounts(r, N)), out(new IntArray(3 * N)))).build(),
                ConformanceCase.named("intShiftsByConstants").kernel(BitAndShiftKernels::intShiftsByConstants)
                        .inputs(r -> List.of(in(RandomData.anyInts(r, N)), out(new IntArray(4 * N)))).build(),
                ConformanceCase.named("longShifts").kernel(BitAndShiftKernels::longShifts)
                        .inputs(r -> List.of(in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))), in(RandomData.shiftCounts(r, LONGS)),
                                out(new IntArray(6 * LONGS)), scalar(LONGS))).build(),
                ConformanceCase.named("longShiftsByConstants").kernel(BitAndShiftKernels::longShiftsByConstants)
                        .inputs(r -> List.of(in(RandomData.packLongs(RandomData.anyLongs(r, LONGS))), out(new IntArray(8 * LONGS)), scalar(LONGS))).build());
    }
}
