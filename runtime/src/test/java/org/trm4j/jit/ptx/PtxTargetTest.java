package org.trm4j.jit.ptx;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PtxTargetTest {
    @Test
    void driverVersionMapsToTheHighestIsaItAccepts() {
        assertEquals("7.0", PtxTarget.forDriver(11000, 8, 0).isaVersion());
        assertEquals("7.8", PtxTarget.forDriver(11080, 8, 9).isaVersion());
        assertEquals("8.0", PtxTarget.forDriver(12000, 9, 0).isaVersion());
        assertEquals("8.4", PtxTarget.forDriver(12040, 9, 0).isaVersion());
        assertEquals("8.4", PtxTarget.forDriver(12045, 9, 0).isaVersion());
        assertEquals("8.7", PtxTarget.forDriver(12080, 12, 0).isaVersion());
        assertEquals("9.0", PtxTarget.forDriver(13000, 10, 0).isaVersion());
        assertEquals("9.0", PtxTarget.forDriver(13020, 10, 0).isaVersion(), "a newer driver gets the newest ISA we know");
    }

    @Test
    void targetIsTheDevicesComputeCapability() {
        assertEquals("sm_86", PtxTarget.forDriver(12040, 8, 6).arch());
        assertEquals("sm_120", PtxTarget.forDriver(12080, 12, 0).arch());
    }

    @Test
    void defaultSuitsEveryDriverFromCuda11() {
        assertEquals("7.0", PtxTarget.DEFAULT.isaVersion());
        assertEquals("sm_70", PtxTarget.DEFAULT.arch());
        assertEquals("12.4", PtxTarget.versionString(12040));
    }

    @Test
    void tooOldDriverIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> PtxTarget.forDriver(8000, 6, 1));
        assertEquals(true, e.getMessage().contains("8.0"), e.getMessage());
    }
}
