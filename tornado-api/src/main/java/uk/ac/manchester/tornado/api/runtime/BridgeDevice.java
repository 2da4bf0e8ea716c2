package uk.ac.manchester.tornado.api.runtime;

import org.trm4j.api.Device;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;

/** A TornadoDevice that is one trm4j device. Part of trm4j's TornadoVM bridge, not TornadoVM. */
record BridgeDevice(Device device) implements TornadoDevice {
    @Override public String getDeviceName() { return device.name(); }
    @Override public String getDescription() { return device.id() + " (" + device.name() + ")"; }
    @Override public String getPlatformName() { return device.backendVersion(); }
    @Override public TornadoDeviceType getDeviceType() { return TornadoDeviceType.ofTrm4j(device.type()); }
    @Override public TornadoVMBackendType getTornadoVMBackend() { return TornadoVMBackendType.ofTrm4j(device.backend()); }
    @Override public long getMaxGlobalMemory() { return device.globalMemoryBytes(); }
    @Override public long getMaxLocalMemory() { return device.localMemoryBytes(); }
    @Override public int getMaxThreadsPerBlock() { return device.maxWorkGroupSize(); }
    @Override public Device trm4jDevice() { return device; }
    @Override public String toString() { return getDescription(); }
}
