package org.trm4j.backend.cuda;

import org.trm4j.runtime.DiscoveringBackend;

import java.util.List;

/**
 * The CUDA backend: every device the driver reports, as "cuda:N". Discovery happens on first use and
 * never throws; without libcuda (no NVIDIA driver), or with no device, there are no devices and
 * {@link #unavailableReason()} says why.
 */
public final class CudaBackend extends DiscoveringBackend<CudaDevice> {
    private final String library;

    /** The system's driver library, {@value CudaDriver#DEFAULT_LIBRARY}. */
    public CudaBackend() { this(CudaDriver.DEFAULT_LIBRARY); }

    /** A backend on another driver library (a path or a name for the loader); tests point it at one that is missing. */
    public CudaBackend(String library) { this.library = library; }

    @Override public String name() { return "cuda"; }

    @Override protected void discover(List<CudaDevice> found, List<String> problems) {
        CudaDriver cu = CudaDriver.load(library);
        try {
            cu.init();
        } catch (CudaException e) {
            throw new CudaUnavailableException(e.code() == CudaDriver.CUDA_ERROR_NO_DEVICE
                    ? "the NVIDIA driver (" + library + ") reports no CUDA device" : "cuInit failed: " + e.getMessage());
        }
        int version = cu.driverVersion();
        int count = cu.deviceCount();
        if (count == 0) problems.add("the NVIDIA driver (" + library + ") reports no CUDA device");
        for (int i = 0; i < count; i++) {
            try {
                found.add(new CudaDevice(cu, i, version));
            } catch (RuntimeException e) {
                problems.add("cuda:" + i + ": " + e.getMessage());
            }
        }
    }
}
