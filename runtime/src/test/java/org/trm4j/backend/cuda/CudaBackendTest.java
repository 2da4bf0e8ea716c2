package org.trm4j.backend.cuda;

import org.junit.jupiter.api.Test;
import org.trm4j.runtime.Backend;
import org.trm4j.runtime.Backends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Discovery without a driver: no devices, a reason, never an exception. */
class CudaBackendTest {

    @Test
    void missingLibraryGivesNoDevicesAndSaysWhy() {
        CudaBackend b = new CudaBackend("libcuda-that-does-not-exist.so.1");
        assertEquals("cuda", b.name());
        assertTrue(b.devices().isEmpty());
        assertNotNull(b.unavailableReason());
        assertTrue(b.unavailableReason().contains("libcuda-that-does-not-exist.so.1 not found: no NVIDIA driver"), b.unavailableReason());
    }

    @Test
    void loadingAMissingDriverThrowsOnlyTheUnavailableException() {
        var e = assertThrows(CudaUnavailableException.class, () -> CudaDriver.load("/nonexistent/libcuda.so.1"));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void aLibraryWithoutTheDriverSymbolsIsNotUsable() {
        // libc is loadable but has no cuInit: the reason says so instead of crashing.
        CudaBackend b = new CudaBackend("libc.so.6");
        assertTrue(b.devices().isEmpty());
        assertTrue(b.unavailableReason().contains("not a usable CUDA driver"), b.unavailableReason());
        assertTrue(b.unavailableReason().contains("cuInit"), b.unavailableReason());
    }

    @Test
    void systemBackendEitherFindsDevicesOrSaysWhy() {
        CudaBackend b = new CudaBackend();
        if (b.devices().isEmpty()) assertNotNull(b.unavailableReason());
        else assertEquals(null, b.unavailableReason());
        for (CudaDevice d : b.devices()) assertTrue(d.id().startsWith("cuda:"));
    }

    @Test
    void registeredAsAService() {
        assertTrue(Backends.all().stream().map(Backend::name).anyMatch("cuda"::equals));
    }
}
