package org.trm4j.bench;

import org.trm4j.api.DeviceType;

import java.util.List;
import java.util.Map;

/**
 * The host CPU's limits: the roofline of every CPU device (java, PoCL: the same silicon) and of the rows that run on
 * the host without a device of ours (OpenBLAS, PyTorch). Peak FMA rate: the best of the CPU devices' probe kernels
 * and OpenBLAS's square sgemm (our probe kernels do not vectorise on every CPU device, OpenBLAS does); memory
 * bandwidth: the best CPU device's copy kernel.
 */
public final class HostLimits {
    private HostLimits() {}

    /** Over the CPU and JVM devices among {@code measured}; {@code blasGflops} is NaN without OpenBLAS. */
    public static DeviceLimits of(List<DeviceLimits> measured, Map<String, DeviceType> types, double blasGflops) {
        double fma = 0, mem = 0;
        String fmaFrom = "none", memFrom = "none";
        for (DeviceLimits l : measured) {
            DeviceType t = types.get(l.device());
            if (t != DeviceType.CPU && t != DeviceType.JVM) continue;
            if (l.fmaGflops() > fma) { fma = l.fmaGflops(); fmaFrom = "probe on " + l.device(); }
            if (l.memoryGbs() > mem) { mem = l.memoryGbs(); memFrom = l.device(); }
        }
        if (blasGflops > fma) { fma = blasGflops; fmaFrom = "OpenBLAS sgemm"; }
        return new DeviceLimits("host CPU (FMA: " + fmaFrom + "; memory: " + memFrom + ")", Double.NaN, Double.NaN,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, mem, fma);
    }

    /** Whether a device runs on the host CPU, so that its roofline is the host's. */
    public static boolean onHost(DeviceType t) { return t == DeviceType.CPU || t == DeviceType.JVM; }
}
