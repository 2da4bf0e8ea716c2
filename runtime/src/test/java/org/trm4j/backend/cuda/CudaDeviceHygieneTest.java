package org.trm4j.backend.cuda;

import org.junit.jupiter.api.Test;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.KernelContext;
import org.trm4j.api.Parallel;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid1D;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CUDA device's behaviour when the driver fails, against {@link FakeCudaDriver} (issue 9 item 4). */
class CudaDeviceHygieneTest {

    public static void addOne(FloatArray a) {
        for (@Parallel int i = 0; i < a.getSize(); i++) a.set(i, a.get(i) + 1f);
    }

    public static void byId(KernelContext ctx, FloatArray a) {
        a.set(ctx.globalIdx, ctx.globalIdx);
    }

    private static CudaDevice device() { return new CudaDevice(FakeCudaDriver.create(), 0, 12080); }

    @Test
    void closeReleasesEverythingEvenWhenAFreeFailsAndReportsTheFirstFailure() {
        CudaDevice d = device();
        FloatArray a = new FloatArray(16), b = new FloatArray(16);
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("t", CudaDeviceHygieneTest::addOne, a)
                .task("u", CudaDeviceHygieneTest::addOne, b).snapshot()).withDevice(d)) {
            p.execute();
        }
        d.allocate(a);
        d.allocate(b);
        FakeCudaDriver.failNext("cuMemFree_v2", FakeCudaDriver.CUDA_ERROR_INVALID_VALUE);
        CudaException e = assertThrows(CudaException.class, d::close);
        assertTrue(e.getMessage().contains("cuMemFree_v2") && e.getMessage().contains("CUDA_ERROR_INVALID_VALUE"), e.getMessage());
        assertEquals(4, FakeCudaDriver.calls("cuMemFree_v2"), "2 frees at plan close, then both buffers at device close, the failed one included");
        assertEquals(1, FakeCudaDriver.calls("cuModuleUnload"), "the module after the failing free is still unloaded");
        assertEquals(FakeCudaDriver.calls("cuEventCreate"), FakeCudaDriver.calls("cuEventDestroy_v2"), "every event is destroyed");
        assertEquals(1, FakeCudaDriver.calls("cuDevicePrimaryCtxRelease_v2"), "the context is released last, whatever failed before");
        d.close(); // nothing left to release: closing again is quiet
    }

    @Test
    void anAsynchronousFaultNamesTheTaskThatCausedIt() {
        CudaDevice d = device();
        FloatArray a = new FloatArray(16);
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("graph").task("faulty", CudaDeviceHygieneTest::addOne, a).snapshot()).withDevice(d)) {
            p.execute();
            FakeCudaDriver.failNext("cuEventSynchronize", FakeCudaDriver.CUDA_ERROR_ILLEGAL_ADDRESS);
            RuntimeException e = assertThrows(RuntimeException.class, p::execute);
            assertTrue(e.getMessage().contains("graph.faulty"), e.getMessage());
            assertTrue(e.getMessage().contains("CUDA_ERROR_ILLEGAL_ADDRESS") && e.getMessage().contains("asynchronous fault"), e.getMessage());
        } finally {
            d.close();
        }
    }

    @Test
    void aGraphsKernelsAreLaunchedBackToBackAndWaitedForOnceAtTheEnd() {
        CudaDevice d = device();
        FloatArray a = new FloatArray(16);
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("t1", CudaDeviceHygieneTest::addOne, a)
                .task("t2", CudaDeviceHygieneTest::addOne, a).task("t3", CudaDeviceHygieneTest::addOne, a).snapshot()).withDevice(d)) {
            p.execute();
            List<String> calls = FakeCudaDriver.log();
            assertEquals(3, FakeCudaDriver.calls("cuLaunchKernel"));
            assertTrue(calls.lastIndexOf("cuLaunchKernel") < calls.indexOf("cuEventSynchronize"),
                    "no wait between the launches: " + calls);
            long createdForOneRun = FakeCudaDriver.calls("cuEventCreate");
            p.execute();
            assertEquals(createdForOneRun, FakeCudaDriver.calls("cuEventCreate"), "a second run reuses the first run's events");
        } finally {
            d.close();
        }
    }

    @Test
    void aFaultInTheSecondOfThreeKernelsNamesTheSecond() {
        CudaDevice d = device();
        FloatArray a = new FloatArray(16);
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("first", CudaDeviceHygieneTest::addOne, a)
                .task("second", CudaDeviceHygieneTest::addOne, a).task("third", CudaDeviceHygieneTest::addOne, a).snapshot()).withDevice(d)) {
            FakeCudaDriver.failCall("cuEventSynchronize", 2, FakeCudaDriver.CUDA_ERROR_ILLEGAL_ADDRESS);
            RuntimeException e = assertThrows(RuntimeException.class, p::execute);
            assertTrue(e.getMessage().startsWith("task g.second failed on cuda:0: asynchronous fault in"), e.getMessage());
            assertTrue(e.getMessage().contains("CUDA_ERROR_ILLEGAL_ADDRESS"), e.getMessage());
        } finally {
            d.close();
        }
        assertEquals(FakeCudaDriver.calls("cuEventCreate"), FakeCudaDriver.calls("cuEventDestroy_v2"), "the failed run's events too are destroyed");
    }

    @Test
    void aBlockOverTheKernelsOwnLimitIsRefusedWithTheNumbers() {
        CudaDevice d = device();
        FakeCudaDriver.functionAttribute(CudaDriver.CU_FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, 64);
        FakeCudaDriver.functionAttribute(CudaDriver.CU_FUNC_ATTRIBUTE_NUM_REGS, 255);
        FakeCudaDriver.functionAttribute(CudaDriver.CU_FUNC_ATTRIBUTE_SHARED_SIZE_BYTES, 4096);
        FloatArray a = new FloatArray(1024);
        WorkerGrid1D grid = new WorkerGrid1D(1024);
        grid.setLocalWork(128, 1, 1);
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("big", CudaDeviceHygieneTest::byId, new KernelContext(), a).snapshot())
                .withDevice(d).withGridScheduler(new GridScheduler("g.big", grid))) {
            RuntimeException e = assertThrows(RuntimeException.class, p::execute);
            assertTrue(e.getMessage().contains("128 threads") && e.getMessage().contains("64 threads per block")
                    && e.getMessage().contains("255 registers") && e.getMessage().contains("4096 bytes"), e.getMessage());
        }
        // Where the runtime picks the block itself, it stays within the kernel's limit.
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("auto", CudaDeviceHygieneTest::addOne, a).snapshot()).withDevice(d)) {
            p.execute();
            assertArrayEquals(new int[]{64, 1, 1}, FakeCudaDriver.lastBlock());
        } finally {
            d.close();
        }
    }

    @Test
    void aPrimeGlobalSizeGetsFullBlocksNotBlocksOfOneThread() {
        CudaDevice d = device();
        FloatArray a = new FloatArray(1009);
        try (ExecutionPlan p = new ExecutionPlan(new TaskGraph("g").task("prime", CudaDeviceHygieneTest::byId, new KernelContext(), a).snapshot())
                .withDevice(d).withGridScheduler(new GridScheduler("g.prime", new WorkerGrid1D(1009)))) {
            p.execute();
            assertArrayEquals(new int[]{256, 1, 1}, FakeCudaDriver.lastBlock(), "1009 is prime: padded to 4 blocks of 256, the rest return at once");
        } finally {
            d.close();
        }
    }
}
