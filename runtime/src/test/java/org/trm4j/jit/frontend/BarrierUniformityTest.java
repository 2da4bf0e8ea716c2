package org.trm4j.jit.frontend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.lang.reflect.Method;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelContext;

/**
 * Barriers every work-item of the group reaches compile; the rejected ones are in FrontendErrorsTest.
 * (The conformance suite's local-memory reductions and tiled matmul compile through the same check.)
 */
class BarrierUniformityTest {

    @SuppressWarnings("unused")
    static final class Uniform {
        static final int TILE = 4;

        /** Loop bounds from a parameter and the group size; the varying work sits in an if that closes before the barrier. */
        public static void loopWithUniformBounds(KernelContext ctx, FloatArray a, FloatArray out, int n) {
            FloatArray tile = ctx.allocateFloatLocalArray(TILE);
            float sum = 0f;
            for (int t = 0; t < n / TILE; t++) {
                if (ctx.localIdx < TILE && t * TILE + ctx.localIdx < n) tile.set(ctx.localIdx, a.get(t * TILE + ctx.localIdx));
                else tile.set(ctx.localIdx % TILE, 0f);
                ctx.localBarrier();
                for (int k = 0; k < TILE; k++) sum += tile.get(k);
                ctx.localBarrier();
            }
            out.set(ctx.globalIdx, sum);
        }

        /** An early return on a parameter is taken by the whole group or by none of it. */
        public static void uniformEarlyReturn(KernelContext ctx, FloatArray a, int n) {
            if (n <= 0) return;
            a.set(ctx.globalIdx, 1f);
            ctx.localBarrier();
            a.set(ctx.globalIdx, a.get(ctx.globalIdx) + 1f);
        }

        /** A branch on the group id, the same for every work-item of one group. */
        public static void branchOnGroupId(KernelContext ctx, FloatArray a) {
            if (ctx.groupIdx % 2 == 0) {
                ctx.localBarrier();
                a.set(ctx.globalIdx, 1f);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"loopWithUniformBounds", "uniformEarlyReturn", "branchOnGroupId"})
    void accepted(String name) {
        Method m = null;
        for (Method x : Uniform.class.getDeclaredMethods()) if (x.getName().equals(name)) m = x;
        Method kernel = m;
        assertDoesNotThrow(() -> KernelCompiler.compileUncached(kernel));
    }
}
