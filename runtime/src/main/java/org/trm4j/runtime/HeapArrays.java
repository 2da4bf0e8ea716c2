package org.trm4j.runtime;

import org.trm4j.api.ByteArray;
import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.LongArray;
import org.trm4j.api.NativeArray;

import java.lang.foreign.MemorySegment;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Java primitive arrays ({@code float[]}, {@code int[]}, {@code double[]}, {@code long[]}, {@code byte[]}) as task
 * arguments: each gets one off-heap mirror, a NativeArray that device backends allocate and copy like any other.
 * The executor syncs heap -> mirror before a copy to a device and mirror -> heap after a copy back. The java
 * backend runs kernels on the heap array itself and needs no mirror data. Arrays identify by identity.
 */
public final class HeapArrays {
    private HeapArrays() {}

    private static final Map<Object, NativeArray> MIRRORS = new WeakHashMap<>();
    private static final Map<NativeArray, WeakReference<Object>> HEAPS = new WeakHashMap<>();

    /** True for the primitive array classes kernels accept. */
    public static boolean isHeapArray(Object o) {
        return o instanceof float[] || o instanceof int[] || o instanceof double[] || o instanceof long[] || o instanceof byte[]
                || o instanceof short[] || o instanceof char[];
    }

    /**
     * The mirror of {@code heap} (made on first use); for an {@link org.trm4j.api.ArrayView}, its storage (no copy to
     * keep in sync); null for anything else.
     */
    public static synchronized NativeArray mirror(Object heap) {
        if (heap instanceof org.trm4j.api.ArrayView v) return v.storage();
        if (!isHeapArray(heap)) return null;
        return MIRRORS.computeIfAbsent(heap, h -> {
            NativeArray m = switch (h) {
                case float[] a -> new FloatArray(a.length);
                case int[] a -> new IntArray(a.length);
                case double[] a -> new DoubleArray(a.length);
                case long[] a -> new LongArray(a.length);
                case byte[] a -> new ByteArray(a.length);
                case short[] a -> new org.trm4j.api.ShortArray(a.length);
                case char[] a -> new org.trm4j.api.CharArray(a.length);
                default -> throw new IllegalStateException();
            };
            HEAPS.put(m, new WeakReference<>(h));
            return m;
        });
    }

    /** The heap array {@code a} mirrors, or null when it is an ordinary NativeArray. */
    public static synchronized Object heapOf(NativeArray a) {
        WeakReference<Object> r = HEAPS.get(a);
        return r == null ? null : r.get();
    }

    /** Copies the heap array's elements into its mirror (no-op for ordinary arrays). */
    public static void toMirror(NativeArray a) {
        Object heap = heapOf(a);
        if (heap != null) MemorySegment.copy(segmentOf(heap), 0, a.getSegment(), 0, a.getNumBytes());
    }

    /** Copies the mirror's elements back into its heap array (no-op for ordinary arrays). */
    public static void fromMirror(NativeArray a) {
        Object heap = heapOf(a);
        if (heap != null) MemorySegment.copy(a.getSegment(), 0, segmentOf(heap), 0, a.getNumBytes());
    }

    private static MemorySegment segmentOf(Object heap) {
        return switch (heap) {
            case float[] a -> MemorySegment.ofArray(a);
            case int[] a -> MemorySegment.ofArray(a);
            case double[] a -> MemorySegment.ofArray(a);
            case long[] a -> MemorySegment.ofArray(a);
            case byte[] a -> MemorySegment.ofArray(a);
            case short[] a -> MemorySegment.ofArray(a);
            case char[] a -> MemorySegment.ofArray(a);
            default -> throw new IllegalArgumentException("not a primitive array: " + heap.getClass().getName());
        };
    }
}
