package org.trm4j.backend.spirv;

import org.junit.jupiter.api.Test;
import org.trm4j.api.Device;
import org.trm4j.api.DeviceType;
import org.trm4j.api.Devices;
import org.trm4j.backend.opencl.OpenClBackend;
import org.trm4j.backend.opencl.OpenClDevice;
import org.trm4j.backend.opencl.OpenClDeviceInfo;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which devices the spirv backend lists, and by which path. */
class SpirvBackendTest {

    private static OpenClDeviceInfo device(String ilVersion, String... extensions) {
        return new OpenClDeviceInfo("dev", "vendor", DeviceType.GPU, 1, 1L << 30, 1 << 16, 1L << 28, 256,
                "OpenCL 3.0", "1.0", "OpenCL C 1.2", ilVersion, Set.of(extensions), 0, "platform", "OpenCL 3.0");
    }

    @Test
    void ilWhenTheDeviceTakesSpirvAndTheLoaderHasTheCall() {
        assertEquals(Optional.of(SpirvLoadPath.IL), SpirvBackend.loadPathFor(device("", "cl_khr_il_program"), true, false));
        assertEquals(Optional.of(SpirvLoadPath.IL), SpirvBackend.loadPathFor(device("SPIR-V_1.2 "), true, true));
    }

    @Test
    void bitcodeWhenTheDeviceTakesSpirAndLlvmSpirvIsInstalled() {
        assertEquals(Optional.of(SpirvLoadPath.LLVM_BITCODE), SpirvBackend.loadPathFor(device("", "cl_khr_spir"), true, true));
        // A loader without clCreateProgramWithIL cannot use the IL path even on an IL device.
        assertEquals(Optional.of(SpirvLoadPath.LLVM_BITCODE), SpirvBackend.loadPathFor(device("SPIR-V_1.0", "cl_khr_spir"), false, true));
    }

    @Test
    void neitherPathMeansNotListedWithAReason() {
        assertEquals(Optional.empty(), SpirvBackend.loadPathFor(device("", "cl_khr_spir"), true, false));
        assertEquals(Optional.empty(), SpirvBackend.loadPathFor(device("", "cl_khr_fp64"), true, true));
        String why = SpirvBackend.whyNot(device("", "cl_khr_spir"), "libOpenCL.so.1", true, false);
        assertTrue(why.contains("no cl_khr_il_program") && why.contains("llvm-spirv-15"), why);
        why = SpirvBackend.whyNot(device("SPIR-V_1.0"), "libOpenCL.so.1", false, true);
        assertTrue(why.contains("has no clCreateProgramWithIL") && why.contains("no cl_khr_spir"), why);
    }

    /** Every OpenCL device of this machine appears as spirv too, or is explained in skipped(). */
    @Test
    void everyOpenClDeviceIsListedOrExplained() {
        List<OpenClDevice> opencl = new OpenClBackend().devices();
        SpirvBackend spirv = new SpirvBackend();
        assertEquals(opencl.size(), spirv.devices().size() + spirv.skipped().size(),
                "listed " + spirv.devices() + ", skipped " + spirv.skipped());
        for (SpirvDevice d : spirv.devices()) {
            String twin = "opencl" + d.id().substring("spirv".length());
            assertTrue(opencl.stream().anyMatch(o -> o.id().equals(twin)), d.id() + " has no " + twin);
            assertEquals(d.info().name(), d.name());
        }
        if (!spirv.devices().isEmpty()) assertNull(spirv.unavailableReason());
        else if (!opencl.isEmpty()) assertTrue(!spirv.unavailableReason().isBlank());
    }

    @Test
    void registeredSoThatDevicesListsIt() {
        List<String> backends = Devices.list().stream().map(Device::backend).distinct().toList();
        boolean haveOpenCl = backends.contains("opencl");
        SpirvBackend spirv = new SpirvBackend();
        if (haveOpenCl && !spirv.devices().isEmpty()) assertTrue(backends.contains("spirv"), backends.toString());
        assertTrue(Devices.unavailable().contains("spirv") || backends.contains("spirv"), Devices.unavailable());
    }
}
