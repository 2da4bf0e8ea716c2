package org.trm4j.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * A backend whose devices come from a native driver, found on first use. Discovery never throws:
 * whatever goes wrong, a missing library or an FFM refusal included, becomes a problem line, so that
 * one broken driver cannot break the other backends. Without devices, {@link #unavailableReason()}
 * joins the problem lines.
 */
public abstract class DiscoveringBackend<D extends DeviceRuntime> implements Backend {
    private List<D> devices;
    private List<String> problems;
    private String reason;

    protected DiscoveringBackend() {}

    /**
     * Finds the devices: adds each to {@code found}, and a line to {@code problems} for each device,
     * platform or driver that could not be used. May throw; what it throws becomes a problem line.
     */
    protected abstract void discover(List<D> found, List<String> problems) throws Throwable;

    @Override public final synchronized List<D> devices() {
        if (devices == null) discover();
        return devices;
    }

    @Override public final synchronized String unavailableReason() {
        if (devices == null) discover();
        return reason;
    }

    /** Every problem line of the discovery, those behind devices that were left out included. */
    protected final synchronized List<String> problems() {
        if (devices == null) discover();
        return problems;
    }

    private void discover() {
        List<D> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            discover(found, problems);
        } catch (Throwable t) { // a missing library or an FFM refusal must not break the other backends
            problems.add(t.getMessage() == null ? t.toString() : t.getMessage());
        }
        devices = List.copyOf(found);
        this.problems = List.copyOf(problems);
        reason = found.isEmpty() ? String.join("; ", problems) : null;
    }
}
