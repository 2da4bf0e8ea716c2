package uk.ac.manchester.tornado.api;

import org.trm4j.api.ProfilerResult;

/** Times (nanoseconds) and bytes of one execution. Part of trm4j's TornadoVM bridge, not TornadoVM: it reads trm4j's ProfilerResult. */
public class TornadoProfilerResult {
    private final ProfilerResult profile;

    TornadoProfilerResult(ProfilerResult profile) { this.profile = profile; }

    /** Wall time of the whole execution. */
    public long getTotalTime() { return profile.totalNanos(); }

    /** JIT time spent during this execution (front end, renderer and driver build). */
    public long getCompileTime() { return profile.jitNanos(); }

    public long getTornadoCompilerTime() { return profile.jitNanos(); }

    /** Host-to-device plus device-to-host copy time. */
    public long getDataTransfersTime() { return profile.copyInNanos() + profile.copyOutNanos(); }

    public long getDeviceWriteTime() { return profile.copyInNanos(); }

    public long getDeviceReadTime() { return profile.copyOutNanos(); }

    /** Kernel time of all tasks (device events where the device has them). */
    public long getDeviceKernelTime() { return profile.totalKernelNanos(); }

    public long getTotalBytesCopyIn() { return profile.bytesIn(); }

    public long getTotalBytesCopyOut() { return profile.bytesOut(); }

    public long getTotalBytesTransferred() { return profile.bytesIn() + profile.bytesOut(); }

    /** trm4j's profile, with per-task kernel times and copy counts. */
    public ProfilerResult trm4jProfile() { return profile; }

    /** Prints the profile to standard output. */
    public void dumpProfiles() { System.out.print(profile); }

    @Override public String toString() { return profile.toString(); }
}
