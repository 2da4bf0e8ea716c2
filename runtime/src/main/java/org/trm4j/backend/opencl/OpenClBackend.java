package org.trm4j.backend.opencl;

import org.trm4j.runtime.DiscoveringBackend;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * The OpenCL backend: every device of every platform the ICD loader knows, as "opencl:P:D".
 * Discovery happens on first use and never throws; without a library or platform there are no
 * devices and {@link #unavailableReason()} says why.
 */
public final class OpenClBackend extends DiscoveringBackend<OpenClDevice> {
    public OpenClBackend() {}

    @Override public String name() { return "opencl"; }

    @Override protected void discover(List<OpenClDevice> found, List<String> problems) {
        OpenCl cl = OpenCl.get();
        forEachDevice(cl, "opencl", problems, (id, platform, device) -> found.add(new OpenClDevice(cl, platform, device, id)));
    }

    /** What {@link #forEachDevice} does with one device. */
    @FunctionalInterface
    public interface DeviceVisitor {
        /** May throw: the exception's message becomes a problem line of the device. */
        void visit(String id, MemorySegment platform, MemorySegment device);
    }

    /**
     * Calls {@code each} for every device of every platform, with its id "backend:P:D". A platform
     * that cannot list its devices, or a device whose visit throws, becomes a line in
     * {@code problems}; so do no platform at all, and platforms without a device.
     */
    public static void forEachDevice(OpenCl cl, String backend, List<String> problems, DeviceVisitor each) {
        List<MemorySegment> platforms = cl.platforms();
        if (platforms.isEmpty()) problems.add("the OpenCL loader (" + cl.library() + ") found no platform: no ICD is installed (e.g. pocl-opencl-icd)");
        int seen = 0;
        for (int p = 0; p < platforms.size(); p++) {
            List<MemorySegment> ds;
            try {
                ds = cl.devices(platforms.get(p), OpenCl.CL_DEVICE_TYPE_ALL);
            } catch (RuntimeException e) {
                problems.add("platform " + p + ": " + e.getMessage());
                continue;
            }
            for (int d = 0; d < ds.size(); d++) {
                String id = backend + ":" + p + ":" + d;
                seen++;
                try {
                    each.visit(id, platforms.get(p), ds.get(d));
                } catch (RuntimeException e) {
                    problems.add(id + ": " + e.getMessage());
                }
            }
        }
        if (seen == 0 && problems.isEmpty()) problems.add("no OpenCL platform has a device");
    }
}
