package org.trm4j.backend.cuda;

import org.junit.jupiter.api.Test;
import org.trm4j.api.WorkerGrid1D;
import org.trm4j.api.WorkerGrid2D;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Op;
import org.trm4j.jit.ir.Type;
import org.trm4j.jit.opencl.TestIr;
import org.trm4j.runtime.LaunchGeometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CudaLaunchConfigTest {
    private static final org.trm4j.api.Device JAVA = org.trm4j.api.Devices.get("java");

    private static Kernel loop() { return TestIr.binary("add", Type.FLOAT, Op.Binary.ADD); }

    @Test
    void gridStrideKernelsRoundTheGridUp() {
        WorkerGrid1D g = new WorkerGrid1D(1000);
        CudaLaunchConfig c = CudaLaunchConfig.of(LaunchGeometry.of(loop(), new Object[3], g, "t", JAVA), true, 1024);
        assertArrayEquals(new int[]{256, 1, 1}, c.block());
        assertArrayEquals(new int[]{4, 1, 1}, c.grid());
    }

    @Test
    void smallGlobalSizesGetSmallBlocks() {
        CudaLaunchConfig c = CudaLaunchConfig.of(LaunchGeometry.of(loop(), new Object[3], new WorkerGrid1D(10), "t", JAVA), true, 1024);
        assertArrayEquals(new int[]{10, 1, 1}, c.block());
        assertArrayEquals(new int[]{1, 1, 1}, c.grid());
    }

    @Test
    void exactKernelsGetABlockThatDividesTheGlobalSize() {
        Kernel k = loop();
        k.parallelDims.clear();
        k.usesKernelContext = true;
        CudaLaunchConfig c = CudaLaunchConfig.of(LaunchGeometry.of(k, new Object[3], new WorkerGrid2D(100, 48), "t", JAVA), false, 1024);
        assertArrayEquals(new int[]{10, 16, 1}, c.block());
        assertArrayEquals(new int[]{10, 3, 1}, c.grid());
    }

    @Test
    void theUsersLocalSizeIsTheBlock() {
        WorkerGrid1D g = new WorkerGrid1D(512);
        g.setLocalWork(64, 1, 1);
        CudaLaunchConfig c = CudaLaunchConfig.of(LaunchGeometry.of(loop(), new Object[3], g, "t", JAVA), true, 1024);
        assertArrayEquals(new int[]{64, 1, 1}, c.block());
        assertArrayEquals(new int[]{8, 1, 1}, c.grid());
    }

    @Test
    void theDevicesThreadLimitIsRespected() {
        CudaLaunchConfig c = CudaLaunchConfig.of(LaunchGeometry.of(loop(), new Object[3], new WorkerGrid1D(4096), "t", JAVA), true, 128);
        assertArrayEquals(new int[]{128, 1, 1}, c.block());
        assertArrayEquals(new int[]{32, 1, 1}, c.grid());
    }
}
