package uk.ac.manchester.tornado.api;

import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/**
 * The backends and devices of this machine. Part of trm4j's TornadoVM bridge, not TornadoVM. Backend 0 holds trm4j's default
 * device (TRM_DEVICE or -Dtrm.device, else the first accelerator) as its device 0, as TornadoVM's default is (0, 0).
 */
public interface TornadoRuntime {
    TornadoBackend getBackend(int index);

    TornadoVMBackendType getBackendType(int index);

    int getNumBackends();

    TornadoDevice getDefaultDevice();

    boolean isProfilerEnabled();
}
