package uk.ac.manchester.tornado.api.common;

import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/** A device kernels can run on. Part of trm4j's TornadoVM bridge, not TornadoVM: each stands for one trm4j device. */
public interface TornadoDevice {
    String getDeviceName();

    /** trm4j's id and name, e.g. "opencl:0:0 (pthread-...)". */
    String getDescription();

    /** The driver or platform version. */
    String getPlatformName();

    TornadoDeviceType getDeviceType();

    TornadoVMBackendType getTornadoVMBackend();

    long getMaxGlobalMemory();

    long getMaxLocalMemory();

    int getMaxThreadsPerBlock();

    /** The trm4j device this stands for. */
    org.trm4j.api.Device trm4jDevice();
}
