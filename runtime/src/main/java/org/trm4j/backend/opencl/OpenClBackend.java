package org.trm4j.backend.opencl;

import org.trm4j.runtime.Backend;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenCL backend: every device of every platform the ICD loader knows, as "opencl:P:D".
 * Discovery happens on first use and never throws; without a library or platform there are no
 * devices and {@link #unavailableReason()} says why.
 */
public final class OpenClBackend implements Backend {
    private List<OpenClDevice> devices;
    private String reason;

    public OpenClBackend() {}

    @Override public String name() { return "opencl"; }

    @Override public synchronized List<OpenClDevice> devices() {
        if (devices == null) discover();
        return devices;
    }

    @Override public synchronized String unavailableReason() {
        if (devices == null) discover();
        return reason;
    }

    private void discover() {
        List<OpenClDevice> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            OpenCl cl = OpenCl.get();
            List<MemorySegment> platforms = cl.platforms();
            if (platforms.isEmpty()) problems.add("the OpenCL loader (" + cl.library() + ") found no platform: no ICD is installed (e.g. pocl-opencl-icd)");
            for (int p = 0; p < platforms.size(); p++) {
                List<MemorySegment> ds;
                try {
                    ds = cl.devices(platforms.get(p), OpenCl.CL_DEVICE_TYPE_ALL);
                } catch (RuntimeException e) {
                    problems.add("platform " + p + ": " + e.getMessage());
                    continue;
                }
                for (int d = 0; d < ds.size(); d++) {
                    try {
                        found.add(new OpenClDevice(cl, platforms.get(p), ds.get(d), "opencl:" + p + ":" + d));
                    } catch (RuntimeException e) {
                        problems.add("opencl:" + p + ":" + d + ": " + e.getMessage());
                    }
                }
            }
            if (found.isEmpty() && problems.isEmpty()) problems.add("no OpenCL platform has a device");
        } catch (Throwable t) { // a missing library or an FFM refusal must not break the other backends
            problems.add(t.getMessage() == null ? t.toString() : t.getMessage());
        }
        devices = List.copyOf(found);
        reason = found.isEmpty() ? String.join("; ", problems) : null;
    }
}
