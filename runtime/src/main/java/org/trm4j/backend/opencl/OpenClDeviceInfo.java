package org.trm4j.backend.opencl;

import org.trm4j.api.DeviceType;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an OpenCL device says about itself, read once. Reusable by every backend built on OpenCL
 * (the spirv backend asks {@link #hasExtension} for cl_khr_il_program).
 */
public record OpenClDeviceInfo(
        String name, String vendor, DeviceType type, int computeUnits, long globalMemoryBytes, long localMemoryBytes,
        long maxMemAllocBytes, int maxWorkGroupSize, String deviceVersion, String driverVersion, String openclCVersion,
        String ilVersion, Set<String> extensions, long singleFpConfig, String platformName, String platformVersion) {

    public static OpenClDeviceInfo query(OpenCl cl, MemorySegment platform, MemorySegment device) {
        long typeBits = cl.deviceInfoLong(device, OpenCl.CL_DEVICE_TYPE);
        DeviceType type = (typeBits & OpenCl.CL_DEVICE_TYPE_GPU) != 0 ? DeviceType.GPU
                : (typeBits & OpenCl.CL_DEVICE_TYPE_CPU) != 0 ? DeviceType.CPU
                : (typeBits & OpenCl.CL_DEVICE_TYPE_ACCELERATOR) != 0 ? DeviceType.ACCELERATOR : DeviceType.OTHER;
        String il;
        try {
            il = cl.deviceInfoString(device, OpenCl.CL_DEVICE_IL_VERSION);
        } catch (OpenClException e) {
            il = ""; // OpenCL < 2.1 devices do not know the query
        }
        Set<String> ext = new TreeSet<>(Arrays.asList(cl.deviceInfoString(device, OpenCl.CL_DEVICE_EXTENSIONS).split("\\s+")));
        ext.remove("");
        return new OpenClDeviceInfo(
                cl.deviceInfoString(device, OpenCl.CL_DEVICE_NAME),
                cl.deviceInfoString(device, OpenCl.CL_DEVICE_VENDOR),
                type,
                cl.deviceInfoInt(device, OpenCl.CL_DEVICE_MAX_COMPUTE_UNITS),
                cl.deviceInfoLong(device, OpenCl.CL_DEVICE_GLOBAL_MEM_SIZE),
                cl.deviceInfoLong(device, OpenCl.CL_DEVICE_LOCAL_MEM_SIZE),
                cl.deviceInfoLong(device, OpenCl.CL_DEVICE_MAX_MEM_ALLOC_SIZE),
                (int) Math.min(Integer.MAX_VALUE, cl.deviceInfoLong(device, OpenCl.CL_DEVICE_MAX_WORK_GROUP_SIZE)),
                cl.deviceInfoString(device, OpenCl.CL_DEVICE_VERSION),
                cl.deviceInfoString(device, OpenCl.CL_DRIVER_VERSION),
                cl.deviceInfoString(device, OpenCl.CL_DEVICE_OPENCL_C_VERSION),
                il,
                Set.copyOf(ext),
                cl.deviceInfoLong(device, OpenCl.CL_DEVICE_SINGLE_FP_CONFIG),
                cl.platformInfo(platform, OpenCl.CL_PLATFORM_NAME),
                cl.platformInfo(platform, OpenCl.CL_PLATFORM_VERSION));
    }

    public boolean hasExtension(String extension) { return extensions.contains(extension); }

    /** "OpenCL 3.0 PoCL ... (driver 3.1+debian)". */
    public String versionString() { return deviceVersion + " (driver " + driverVersion + ")"; }

    /**
     * The -cl-std the OpenCL C renderer targets: CL1.2 (everything we emit is 1.2), or CL1.1 on
     * devices that only know 1.1, where -cl-std=CL1.2 would be refused.
     */
    public String openclCStd() {
        return openclCVersion.contains("1.0") || openclCVersion.contains("1.1") ? "CL1.1" : "CL1.2";
    }

    /** True when float / and sqrt can be made correctly rounded, as Java's are. */
    public boolean canRoundFloatDivideSqrtCorrectly() {
        return (singleFpConfig & OpenCl.CL_FP_CORRECTLY_ROUNDED_DIVIDE_SQRT) != 0;
    }
}
