package org.trm4j.runtime;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Compiled kernels, once per (device, method, options), for the life of the JVM. */
public final class KernelCache {
    private KernelCache() {}

    /** Strict and relaxed, checked and unchecked builds of one kernel are different kernels. */
    private record Key(String device, Method method, CompileOptions options) {}

    /** A cached kernel and whether this call compiled it. */
    public record Entry(CompiledKernel kernel, boolean fresh) {}

    private static final Map<Key, CompiledKernel> CACHE = new ConcurrentHashMap<>();

    public static Entry get(DeviceRuntime device, Method method) { return get(device, method, CompileOptions.STRICT); }

    public static Entry get(DeviceRuntime device, Method method, CompileOptions asked) {
        // The system property turns checks on for every kernel compiled from now on.
        CompileOptions options = BoundsChecks.requested() && !asked.boundsChecks() ? new CompileOptions(asked.relaxedMath(), true) : asked;
        Key key = new Key(device.id(), method, options);
        CompiledKernel k = CACHE.get(key);
        if (k != null) return new Entry(k, false);
        boolean[] fresh = {false};
        k = CACHE.computeIfAbsent(key, x -> { fresh[0] = true; return device.compile(method, options); });
        return new Entry(k, fresh[0]);
    }

    /** Drops every kernel compiled for {@code device} (when it is closed). */
    public static void evict(DeviceRuntime device) {
        CACHE.keySet().removeIf(k -> k.device().equals(device.id()));
    }
}
