package org.trm4j.runtime;

import org.trm4j.api.NativeArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one owner of the state of a device's buffers, shared by every plan that uses the device. A device keeps
 * one buffer per host array; this ledger says which plans hold it (the buffer is freed when the last one lets
 * go) and which copy is current. The rule, so that any mix of plans computes what sequential Java would:
 * <ul>
 * <li>a kernel launched with an array marks the device copy newer than the host's;</li>
 * <li>a copy in either direction makes both equal;</li>
 * <li>a plan that starts using an array another plan already keeps on the device does not upload its host copy
 *     over a newer device copy (it would undo the other plan's work);</li>
 * <li>before a buffer with a newer device copy is freed (last plan closed, device closed), it is copied back, so
 *     the host array ends holding what the kernels wrote.</li>
 * </ul>
 * Thread-safe; one ledger per device, from {@link #of}.
 */
public final class ResidentArrays {
    private static final Map<DeviceRuntime, ResidentArrays> LEDGERS = Collections.synchronizedMap(new IdentityHashMap<>());

    private static final class Entry {
        final Set<Object> holders = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean deviceNewer;
    }

    private final DeviceRuntime device;
    private final Map<NativeArray, Entry> entries = new IdentityHashMap<>();

    private ResidentArrays(DeviceRuntime device) { this.device = device; }

    /** The ledger of {@code device}. */
    public static ResidentArrays of(DeviceRuntime device) { return LEDGERS.computeIfAbsent(device, ResidentArrays::new); }

    /** How {@link #acquire} found the array. */
    public enum Acquired {
        /** This holder already had it. */
        ALREADY_HELD,
        /** No buffer existed: one was allocated and filled from the host. */
        UPLOADED,
        /** Another holder keeps it on the device; its device copy was kept as it is. */
        SHARED
    }

    /** Makes {@code holder} hold {@code array} on the device, allocating and uploading it when no one else holds it. */
    public synchronized Acquired acquire(Object holder, NativeArray array, CopyTimer timer) {
        Entry e = entries.get(array);
        if (e != null && e.holders.contains(holder)) return Acquired.ALREADY_HELD;
        if (e != null) {
            e.holders.add(holder);
            return Acquired.SHARED;
        }
        device.allocate(array);
        e = new Entry();
        e.holders.add(holder);
        entries.put(array, e);
        timer.copiedIn(device.copyToDevice(array), array.getNumBytes());
        return Acquired.UPLOADED;
    }

    /** Whether {@code holder} holds {@code array} (false after the device was closed). */
    public synchronized boolean holds(Object holder, NativeArray array) {
        Entry e = entries.get(array);
        return e != null && e.holders.contains(holder);
    }

    /** Whether a kernel wrote the device copy since the last copy in either direction. */
    public synchronized boolean deviceNewer(NativeArray array) {
        Entry e = entries.get(array);
        return e != null && e.deviceNewer;
    }

    /** Host -> device copy of a held array. */
    public synchronized void upload(NativeArray array, CopyTimer timer) {
        timer.copiedIn(device.copyToDevice(array), array.getNumBytes());
        entry(array).deviceNewer = false;
    }

    /** Device -> host copy of a held array. */
    public synchronized void download(NativeArray array, CopyTimer timer) {
        timer.copiedOut(device.copyToHost(array), array.getNumBytes());
        entry(array).deviceNewer = false;
    }

    /** A kernel ran with {@code array} as an argument: its device copy may now be newer than the host's. */
    public synchronized void launchedWith(NativeArray array) { entry(array).deviceNewer = true; }

    /** {@code holder} lets go of {@code array}; the last holder's release copies a newer device copy back and frees the buffer. */
    public synchronized void release(Object holder, NativeArray array) {
        Entry e = entries.get(array);
        if (e == null || !e.holders.remove(holder) || !e.holders.isEmpty()) return;
        entries.remove(array);
        try {
            if (e.deviceNewer) device.copyToHost(array);
        } finally {
            device.release(array);
        }
    }

    /**
     * The device is closing: every newer device copy is copied back, then the ledger forgets every buffer (the
     * device frees them), so holders find their arrays gone and re-acquire them from the host copies. The first
     * failure is thrown after every array was tried.
     */
    public static void deviceClosing(DeviceRuntime device) {
        ResidentArrays ledger = LEDGERS.remove(device);
        if (ledger == null) return;
        List<RuntimeException> failures = new ArrayList<>();
        synchronized (ledger) {
            for (Map.Entry<NativeArray, Entry> e : ledger.entries.entrySet()) {
                if (!e.getValue().deviceNewer) continue;
                try {
                    device.copyToHost(e.getKey());
                } catch (RuntimeException ex) {
                    failures.add(ex);
                }
            }
            ledger.entries.clear();
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.getFirst();
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private Entry entry(NativeArray array) {
        Entry e = entries.get(array);
        if (e == null) throw new IllegalStateException(array + " is not on " + device.id());
        return e;
    }

    /** Where copy times go (the plan's profiler). */
    public interface CopyTimer {
        void copiedIn(long nanos, long bytes);

        void copiedOut(long nanos, long bytes);
    }
}
