package uk.ac.manchester.tornado.api;

import java.util.List;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/** One backend (trm4j's java, opencl, spirv or cuda) and its devices. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public interface TornadoBackend {
    TornadoDevice getDefaultDevice();

    int getDeviceCount();

    /** The device at {@code index}; an index out of range is an error naming the devices there are. */
    TornadoDevice getDevice(int index);

    List<TornadoDevice> getAllDevices();

    TornadoDeviceType getTypeDefaultDevice();

    String getName();

    int getNumPlatforms();

    TornadoVMBackendType getBackendType();
}
