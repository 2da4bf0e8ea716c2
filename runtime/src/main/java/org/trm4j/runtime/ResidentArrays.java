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
 *     the host array ends holding what the kernels wrote;</li>
 * <li>a persisted buffer ({@code TaskGraph.persistOnDevice}) stays after its plans closed, until a consumer
 *     ({@code consumeFromDevice}) took it and let go; it is not copied back (TornadoVM's rule).</li>
 * </ul>
 * Thread-safe; one ledger per device, from {@link #of}.
 */
public final class ResidentArrays {
    private static final Map<DeviceRuntime, ResidentArrays> LEDGERS = Collections.synchronizedMap(new IdentityHashMap<>());

    /** The holder that keeps a persisted buffer ({@code persistOnDevice}) after the plans that used it closed. */
    private static final Object PERSISTED = new Object();

    private static final class Entry {
        final Set<Object> holders = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean deviceNewer;
        /** A plan consumed the persisted buffer ({@code consumeFromDevice}): the last plan to let go frees it. */
        boolean consumed;
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
        timer.copiedIn(copyIn(array), array.getNumBytes());
        return Acquired.UPLOADED;
    }

    /** Keeps {@code array}'s buffer after every plan let go, until a consumer has used it (TaskGraph.persistOnDevice). */
    public synchronized void persist(NativeArray array) {
        if (!device.usesHostMemory()) entry(array).holders.add(PERSISTED);
    }

    /** {@code holder} takes a persisted buffer as it is (TaskGraph.consumeFromDevice); false when none was persisted here. */
    public synchronized boolean consume(Object holder, NativeArray array) {
        Entry e = entries.get(array);
        if (e == null || !e.holders.contains(PERSISTED)) return false;
        e.holders.add(holder);
        e.consumed = true;
        return true;
    }

    /** Host -> device, through the off-heap mirror of a Java primitive array where there is one. */
    private long copyIn(NativeArray array) {
        if (!device.usesHostMemory()) HeapArrays.toMirror(array);
        return device.copyToDevice(array);
    }

    /** Device -> host, into the Java primitive array a mirror stands for where there is one. */
    private long copyOut(NativeArray array) {
        long nanos = device.copyToHost(array);
        if (!device.usesHostMemory()) HeapArrays.fromMirror(array);
        return nanos;
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
        timer.copiedIn(copyIn(array), array.getNumBytes());
        entry(array).deviceNewer = false;
    }

    /** Device -> host copy of a held array. */
    public synchronized void download(NativeArray array, CopyTimer timer) {
        timer.copiedOut(copyOut(array), array.getNumBytes());
        entry(array).deviceNewer = false;
    }

    /** A kernel ran with {@code array} as an argument: its device copy may now be newer than the host's. */
    public synchronized void launchedWith(NativeArray array) { entry(array).deviceNewer = true; }

    /** {@code holder} lets go of {@code array}; the last holder's release copies a newer device copy back and frees the buffer. */
    public synchronized void release(Object holder, NativeArray array) {
        Entry e = entries.get(array);
        if (e == null || !e.holders.remove(holder)) return;
        boolean persisted = e.holders.contains(PERSISTED);
        // A persisted buffer waits for its consumer, then goes with the last plan, not copied back (as TornadoVM).
        if (persisted ? !(e.consumed && e.holders.size() == 1) : !e.holders.isEmpty()) return;
        entries.remove(array);
        try {
            if (e.deviceNewer && !persisted) copyOut(array);
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
                    ledger.copyOut(e.getKey());
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
