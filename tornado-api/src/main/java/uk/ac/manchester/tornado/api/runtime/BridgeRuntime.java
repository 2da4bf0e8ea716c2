package uk.ac.manchester.tornado.api.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import uk.ac.manchester.tornado.api.TornadoBackend;
import uk.ac.manchester.tornado.api.TornadoRuntime;
import uk.ac.manchester.tornado.api.common.TornadoDevice;
import uk.ac.manchester.tornado.api.enums.TornadoDeviceType;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.exceptions.TornadoRuntimeException;

/** trm4j's devices grouped by backend, default first. Part of trm4j's TornadoVM bridge, not TornadoVM. */
final class BridgeRuntime implements TornadoRuntime {
    private static volatile BridgeRuntime instance;
    private final List<Backend> backends = new ArrayList<>();

    static BridgeRuntime instance() {
        if (instance == null) {
            synchronized (BridgeRuntime.class) {
                if (instance == null) instance = new BridgeRuntime();
            }
        }
        return instance;
    }

    private BridgeRuntime() {
        Device def = Devices.defaultDevice();
        Map<String, List<TornadoDevice>> byBackend = new LinkedHashMap<>();
        byBackend.put(def.backend(), new ArrayList<>(List.of(new BridgeDevice(def))));
        for (Device d : Devices.list())
            if (!d.id().equals(def.id())) byBackend.computeIfAbsent(d.backend(), b -> new ArrayList<>()).add(new BridgeDevice(d));
        byBackend.forEach((name, devices) -> backends.add(new Backend(name, List.copyOf(devices))));
    }

    @Override public TornadoBackend getBackend(int index) {
        if (index < 0 || index >= backends.size())
            throw new TornadoRuntimeException("no backend " + index + "; backends: " + describe());
        return backends.get(index);
    }

    @Override public TornadoVMBackendType getBackendType(int index) { return getBackend(index).getBackendType(); }
    @Override public int getNumBackends() { return backends.size(); }
    @Override public TornadoDevice getDefaultDevice() { return backends.getFirst().getDefaultDevice(); }
    @Override public boolean isProfilerEnabled() { return false; }

    private String describe() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < backends.size(); i++) parts.add(i + "=" + backends.get(i).getName());
        return String.join(", ", parts);
    }

    private record Backend(String name, List<TornadoDevice> devices) implements TornadoBackend {
        @Override public TornadoDevice getDefaultDevice() { return devices.getFirst(); }
        @Override public int getDeviceCount() { return devices.size(); }
        @Override public TornadoDevice getDevice(int index) {
            if (index < 0 || index >= devices.size())
                throw new TornadoRuntimeException("backend " + name + " has no device " + index + "; devices: "
                        + devices.stream().map(TornadoDevice::getDescription).collect(Collectors.joining(", ")));
            return devices.get(index);
        }
        @Override public List<TornadoDevice> getAllDevices() { return devices; }
        @Override public TornadoDeviceType getTypeDefaultDevice() { return getDefaultDevice().getDeviceType(); }
        @Override public String getName() { return name; }
        @Override public int getNumPlatforms() { return 1; }
        @Override public TornadoVMBackendType getBackendType() { return TornadoVMBackendType.ofTrm4j(name); }
    }
}
