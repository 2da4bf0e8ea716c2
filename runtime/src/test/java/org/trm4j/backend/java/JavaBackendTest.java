package org.trm4j.backend.java;

import org.junit.jupiter.api.Test;
import org.trm4j.api.*;

import static org.junit.jupiter.api.Assertions.*;

class JavaBackendTest {

    static void add(FloatArray a, FloatArray b, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) c.set(i, a.get(i) + b.get(i));
    }

    static void outer(FloatArray x, FloatArray y, FloatArray out, int n, int m) {
        for (@Parallel int i = 0; i < n; i++)
            for (@Parallel int j = 0; j < m; j++) out.set(i * m + j, x.get(i) * y.get(j));
    }

    /** Records the thread that ran each index (java backend only: a device could not call Thread). */
    static void whoRan(IntArray owner, IntArray count, int from, int to) {
        for (@Parallel int i = from; i < to - 1; i++) {
            owner.set(i, (int) Thread.currentThread().threadId());
            count.set(i, count.get(i) + 1);
        }
    }

    /** A bound with a branch in its code: split cyclically, still every index once. */
    static void branchyBound(IntArray count, int n, int cap) {
        for (@Parallel int i = 1; i < (n < cap ? n : cap); i++) count.set(i, count.get(i) + 1);
    }

    static void groupSum(KernelContext ctx, FloatArray in, FloatArray sums) {
        FloatArray scratch = ctx.allocateFloatLocalArray(64);
        int l = ctx.localIdx;
        scratch.set(l, in.get(ctx.globalIdx));
        for (int stride = ctx.localGroupSizeX / 2; stride > 0; stride /= 2) {
            ctx.localBarrier();
            if (l < stride) scratch.set(l, scratch.get(l) + scratch.get(l + stride));
        }
        if (l == 0) sums.set(ctx.groupIdx, scratch.get(0));
    }

    static void histogram(KernelContext ctx, IntArray values, IntArray bins) {
        ctx.atomicAdd(bins, values.get(ctx.globalIdx) % bins.getSize(), 1);
    }

    /** Work-item 3 of each group reads out of bounds before the barrier the others wait at. */
    static void failsBeforeBarrier(KernelContext ctx, FloatArray a) {
        float v = a.get(ctx.localIdx == 3 ? a.getSize() : ctx.globalIdx);
        ctx.localBarrier();
        a.set(ctx.globalIdx, v + 1);
    }

    private static ExecutionPlan plan(TaskGraph g) { return new ExecutionPlan(g.snapshot()).withDevice(Devices.get("java")); }

    @Test void loopParallelKernelCoversEveryIndexOnce() {
        int n = 10_007;
        FloatArray a = new FloatArray(n), b = new FloatArray(n), c = new FloatArray(n);
        for (int i = 0; i < n; i++) { a.set(i, i); b.set(i, 2 * i); }
        c.init(Float.NaN);
        try (ExecutionPlan p = plan(new TaskGraph("g").task("add", JavaBackendTest::add, a, b, c)
                .transferToHost(DataTransferMode.EVERY_EXECUTION, c))) {
            p.execute();
        }
        for (int i = 0; i < n; i++) assertEquals(3f * i, c.get(i), "index " + i);
    }

    @Test void loopIsSplitIntoContiguousBlocks() {
        for (int[] range : new int[][] {{3, 10_000}, {0, 2}, {5, 5}, {7, 4}, {0, 1001}}) {
            int n = Math.max(range[1], 1) + 1;
            IntArray owner = new IntArray(n);
            IntArray count = new IntArray(n);
            owner.init(-1);
            try (ExecutionPlan p = plan(new TaskGraph("g").task("who", JavaBackendTest::whoRan, owner, count, range[0], range[1]))) { p.execute(); }
            java.util.Map<Integer, int[]> spans = new java.util.HashMap<>();
            for (int i = 0; i < n; i++) {
                boolean inRange = i >= range[0] && i < range[1] - 1;
                assertEquals(inRange ? 1 : 0, count.get(i), "index " + i + " of [" + range[0] + ", " + (range[1] - 1) + ")");
                if (!inRange) continue;
                int[] sp = spans.computeIfAbsent(owner.get(i), k -> new int[] {Integer.MAX_VALUE, -1, 0});
                sp[0] = Math.min(sp[0], i);
                sp[1] = Math.max(sp[1], i);
                sp[2]++;
            }
            for (int[] sp : spans.values()) assertEquals(sp[1] - sp[0] + 1, sp[2], "one thread's indices are contiguous");
        }
    }

    @Test void loopWithBranchyBoundStillCoversEveryIndexOnce() {
        IntArray count = new IntArray(100);
        try (ExecutionPlan p = plan(new TaskGraph("g").task("b", JavaBackendTest::branchyBound, count, 100, 77))) { p.execute(); }
        for (int i = 0; i < 100; i++) assertEquals(i >= 1 && i < 77 ? 1 : 0, count.get(i), "index " + i);
    }

    @Test void nestedParallelLoops() {
        int n = 13, m = 7;
        FloatArray x = new FloatArray(n), y = new FloatArray(m), out = new FloatArray(n * m);
        for (int i = 0; i < n; i++) x.set(i, i + 1);
        for (int j = 0; j < m; j++) y.set(j, j - 3);
        try (ExecutionPlan p = plan(new TaskGraph("g").task("outer", JavaBackendTest::outer, x, y, out, n, m))) { p.execute(); }
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) assertEquals((i + 1f) * (j - 3f), out.get(i * m + j));
    }

    @Test void localMemoryReductionWithBarriers() {
        int groups = 8, local = 64;
        FloatArray in = new FloatArray(groups * local), sums = new FloatArray(groups);
        for (int i = 0; i < in.getSize(); i++) in.set(i, i % 17);
        WorkerGrid1D grid = new WorkerGrid1D(groups * local);
        grid.setLocalWork(local, 1, 1);
        try (ExecutionPlan p = plan(new TaskGraph("r").task("sum", JavaBackendTest::groupSum, new KernelContext(), in, sums))
                .withGridScheduler(new GridScheduler("r.sum", grid))) { p.execute(); }
        for (int g = 0; g < groups; g++) {
            float expect = 0;
            for (int i = 0; i < local; i++) expect += (g * local + i) % 17;
            assertEquals(expect, sums.get(g), "group " + g);
        }
    }

    @Test void atomicAddCountsEveryItem() {
        int n = 4096;
        IntArray values = new IntArray(n), bins = new IntArray(10);
        for (int i = 0; i < n; i++) values.set(i, i * 7);
        try (ExecutionPlan p = plan(new TaskGraph("h").task("hist", JavaBackendTest::histogram, new KernelContext(), values, bins))
                .withGridScheduler(new GridScheduler("h.hist", new WorkerGrid1D(n)))) { p.execute(); }
        int[] expect = new int[10];
        for (int i = 0; i < n; i++) expect[(i * 7) % 10]++;
        assertArrayEquals(expect, bins.toHeapArray());
    }

    @Test @org.junit.jupiter.api.Timeout(30)
    void aFailingWorkItemReleasesTheOthersAtTheBarrier() {
        FloatArray a = new FloatArray(64);
        WorkerGrid1D grid = new WorkerGrid1D(64);
        grid.setLocalWork(16, 1, 1);
        try (ExecutionPlan p = plan(new TaskGraph("f").task("k", JavaBackendTest::failsBeforeBarrier, new KernelContext(), a))
                .withGridScheduler(new GridScheduler("f.k", grid))) {
            var e = assertThrows(ExecutionPlan.TaskFailedException.class, p::execute);
            assertTrue(e.getMessage().contains("out of bounds"), e.getMessage());
        }
    }

    @Test void kernelContextWithoutGridIsAClearError() {
        IntArray values = new IntArray(4), bins = new IntArray(2);
        try (ExecutionPlan p = plan(new TaskGraph("h").task("hist", JavaBackendTest::histogram, new KernelContext(), values, bins))) {
            var e = assertThrows(ExecutionPlan.TaskFailedException.class, p::execute);
            assertTrue(e.getMessage().contains("h.hist") && e.getMessage().contains("GridScheduler"), e.getMessage());
        }
    }

    @Test void wrongArgumentTypeNamesTheArgument() {
        IntArray wrong = new IntArray(4);
        FloatArray b = new FloatArray(4), c = new FloatArray(4);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Tasks.Task3 raw = (Tasks.Task3<FloatArray, FloatArray, FloatArray>) JavaBackendTest::add;
        TaskGraph g = new TaskGraph("w");
        @SuppressWarnings("unchecked") TaskGraph g2 = g.task("add", raw, wrong, b, c);
        try (ExecutionPlan p = plan(g2)) {
            var e = assertThrows(ExecutionPlan.TaskFailedException.class, p::execute);
            assertTrue(e.getMessage().contains("argument 0") && e.getMessage().contains("FloatArray"), e.getMessage());
        }
    }

    @Test void lambdaInsteadOfMethodReferenceIsRejected() {
        FloatArray a = new FloatArray(1);
        var e = assertThrows(IllegalArgumentException.class, () -> new TaskGraph("l").task("x", (FloatArray x) -> x.set(0, 1), a));
        assertTrue(e.getMessage().contains("method reference"), e.getMessage());
    }
}
