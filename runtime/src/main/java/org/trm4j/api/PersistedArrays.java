package org.trm4j.api;

import org.trm4j.runtime.DeviceRuntime;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Device buffers that outlive the plan that filled them ({@link TaskGraph#persistOnDevice}): per device and array,
 * how many open plans hold the buffer and whether a plan consumed it ({@link TaskGraph#consumeFromDevice}). The
 * last plan to close after a consumer did frees it; a persisted buffer nobody consumes stays until the device closes.
 */
final class PersistedArrays {
    private PersistedArrays() {}

    private static final class Holding {
        int plans;
        boolean consumed;
    }

    private static final Map<DeviceRuntime, Map<NativeArray, Holding>> HELD = new HashMap<>();

    /** A plan persisted {@code a} on {@code device}: it holds the buffer while it is open. */
    static synchronized void persist(DeviceRuntime device, NativeArray a) {
        HELD.computeIfAbsent(device, d -> new IdentityHashMap<>()).computeIfAbsent(a, x -> new Holding()).plans++;
    }

    /** A plan consumes {@code a} on {@code device}; false when no plan persisted it there. */
    static synchronized boolean consume(DeviceRuntime device, NativeArray a) {
        Map<NativeArray, Holding> m = HELD.get(device);
        Holding h = m == null ? null : m.get(a);
        if (h == null) return false;
        h.plans++;
        h.consumed = true;
        return true;
    }

    /** A plan holding {@code a} closes; true when the buffer may be freed now. */
    static synchronized boolean letGo(DeviceRuntime device, NativeArray a) {
        Map<NativeArray, Holding> m = HELD.get(device);
        Holding h = m == null ? null : m.get(a);
        if (h == null) return true;
        h.plans--;
        if (h.plans > 0 || !h.consumed) return false;
        m.remove(a);
        return true;
    }
}
