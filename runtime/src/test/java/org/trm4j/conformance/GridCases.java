package org.trm4j.conformance;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;

import java.util.List;

import static org.trm4j.conformance.KernelArg.context;
import static org.trm4j.conformance.KernelArg.in;
import static org.trm4j.conformance.KernelArg.inOut;
import static org.trm4j.conformance.KernelArg.out;
import static org.trm4j.conformance.KernelArg.scalar;

/** Cases for {@link ParallelLoopKernels} (runtime-chosen or explicit grids) and {@link ContextKernels} (explicit grids). */
final class GridCases {
    static final int N = 1031;

    private GridCases() {}

    static List<ConformanceCase> cases() {
        return List.of(
                ConformanceCase.named("vectorAdd").kernel(ParallelLoopKernels::vectorAdd)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -10, 10)), in(RandomData.floatArray(r, N, -10, 10)), out(new FloatArray(N))))
                        .tolerance(Tolerance.ARITHMETIC.withScale(10)).build(),
                ConformanceCase.named("vectorAddSmallGrid").kernel(ParallelLoopKernels::vectorAdd)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 5000, -10, 10)), in(RandomData.floatArray(r, 5000, -10, 10)), out(new FloatArray(5000))))
                        .grid(() -> Grids.oneD(256, 64))
                        .tolerance(Tolerance.ARITHMETIC.withScale(10)).build(),
                ConformanceCase.named("scaleFirstN").kernel(ParallelLoopKernels::scaleFirstN)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -10, 10)), out(new FloatArray(N)), scalar(700), scalar(1.75f)))
                        .leavesPartOfOutputUnwritten().build(),
                ConformanceCase.named("stencil1D").kernel(ParallelLoopKernels::stencil1D)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, N, -10, 10)), out(new FloatArray(N)), scalar(N)))
                        .leavesPartOfOutputUnwritten().tolerance(Tolerance.ARITHMETIC.withScale(10)).build(),
                ConformanceCase.named("transpose2D").kernel(ParallelLoopKernels::transpose2D)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 37 * 53, -10, 10)), out(new FloatArray(37 * 53)), scalar(37), scalar(53)))
                        .tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("transpose2DWithGrid").kernel(ParallelLoopKernels::transpose2D)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 64 * 32, -10, 10)), out(new FloatArray(64 * 32)), scalar(64), scalar(32)))
                        .grid(() -> Grids.twoD(64, 32, 16, 8))
                        .tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("matmul2D").kernel(ParallelLoopKernels::matmul2D)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 45 * 33, -1, 1)), in(RandomData.floatArray(r, 33 * 51, -1, 1)),
                                out(new FloatArray(45 * 51)), scalar(45), scalar(51), scalar(33)))
                        .tolerance(Tolerance.ARITHMETIC.withScale(6)).build(),
                ConformanceCase.named("stencil3D").kernel(ParallelLoopKernels::stencil3D)
                        .inputs(r -> List.of(in(RandomData.floatArray(r, 13 * 11 * 7, -5, 5)), out(new FloatArray(13 * 11 * 7)), scalar(13), scalar(11), scalar(7)))
                        .tolerance(Tolerance.ARITHMETIC.withScale(30)).build(),
                ConformanceCase.named("indexCode3D").kernel(ParallelLoopKernels::indexCode3D)
                        .inputs(r -> List.of(out(new IntArray(19 * 9 * 5)), scalar(19), scalar(9), scalar(5))).build(),

                ConformanceCase.named("globalIds1D").kernel(ContextKernels::globalIds1D)
                        .inputs(r -> List.of(context(), out(new IntArray(1000))))
                        .grid(() -> Grids.oneD(1000)).build(),
                ConformanceCase.named("localAndGroupIds1D").kernel(ContextKernels::localAndGroupIds1D)
                        .inputs(r -> List.of(context(), out(new IntArray(4 * 512))))
                        .grid(() -> Grids.oneD(512, 64)).build(),
                ConformanceCase.named("ids2D").kernel(ContextKernels::ids2D)
                        .inputs(r -> List.of(context(), out(new IntArray(4 * 48 * 20))))
                        .grid(() -> Grids.twoD(48, 20, 16, 4)).build(),
                ConformanceCase.named("ids3D").kernel(ContextKernels::ids3D)
                        .inputs(r -> List.of(context(), out(new IntArray(4 * 8 * 6 * 4))))
                        .grid(() -> Grids.threeD(8, 6, 4, 4, 3, 2)).build(),
                ConformanceCase.named("guardedScale").kernel(ContextKernels::guardedScale)
                        .inputs(r -> List.of(context(), in(RandomData.floatArray(r, 1000, -5, 10)), out(new FloatArray(1000)), scalar(1000)))
                        .grid(() -> Grids.oneD(1024, 64)).tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("gridStrideSquare").kernel(ContextKernels::gridStrideSquare)
                        .inputs(r -> List.of(context(), in(RandomData.floatArray(r, 5000, -10, 10)), out(new FloatArray(5000))))
                        .grid(() -> Grids.oneD(256, 64)).build(),
                ConformanceCase.named("transposeByIds").kernel(ContextKernels::transposeByIds)
                        .inputs(r -> List.of(context(), in(RandomData.floatArray(r, 37 * 53, -10, 10)), out(new FloatArray(37 * 53)), scalar(37), scalar(53)))
                        .grid(() -> Grids.twoD(64, 48, 16, 16)).tolerance(Tolerance.BIT_EXACT).build(),
                ConformanceCase.named("rotateInGroup").kernel(ContextKernels::rotateInGroup)
                        .inputs(r -> List.of(context(), in(RandomData.anyInts(r, 1024)), out(new IntArray(1024))))
                        .grid(() -> Grids.oneD(1024, ContextKernels.GROUP)).build(),
                ConformanceCase.named("localTreeSum").kernel(ContextKernels::localTreeSum)
                        .inputs(r -> List.of(context(), in(RandomData.floatArray(r, 40 * ContextKernels.GROUP, -1, 1)), out(new FloatArray(40))))
                        .grid(() -> Grids.oneD(40 * ContextKernels.GROUP, ContextKernels.GROUP))
                        .tolerance(Tolerance.ARITHMETIC.withScale(12)).build(),
                ConformanceCase.named("localTreeMaxInt").kernel(ContextKernels::localTreeMaxInt)
                        .inputs(r -> List.of(context(), in(RandomData.anyInts(r, 24 * ContextKernels.GROUP)), out(new IntArray(24))))
                        .grid(() -> Grids.oneD(24 * ContextKernels.GROUP, ContextKernels.GROUP)).build(),
                ConformanceCase.named("localTreeSumDouble").kernel(ContextKernels::localTreeSumDouble)
                        .inputs(r -> List.of(context(), in(RandomData.doubleArray(r, 24 * ContextKernels.GROUP, -1, 1)), out(new DoubleArray(24))))
                        .grid(() -> Grids.oneD(24 * ContextKernels.GROUP, ContextKernels.GROUP))
                        .tolerance(Tolerance.ARITHMETIC.withScale(12)).build(),
                ConformanceCase.named("tiledMatmul").kernel(ContextKernels::tiledMatmul)
                        .inputs(r -> List.of(context(), in(RandomData.floatArray(r, 64 * 64, -1, 1)), in(RandomData.floatArray(r, 64 * 64, -1, 1)),
                                out(new FloatArray(64 * 64)), scalar(64)))
                        .grid(() -> Grids.twoD(64, 64, ContextKernels.TILE, ContextKernels.TILE))
                        .tolerance(Tolerance.ARITHMETIC.withScale(8)).build(),
                ConformanceCase.named("atomicHistogram").kernel(ContextKernels::atomicHistogram)
                        .inputs(r -> List.of(context(), in(RandomData.anyInts(r, 4096)), inOut(new IntArray(37))))
                        .grid(() -> Grids.oneD(4096, 64)).build());
    }
}
