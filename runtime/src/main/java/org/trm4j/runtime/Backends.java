package org.trm4j.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The backends on the class path (META-INF/services/org.trm4j.runtime.Backend), discovered once,
 * in a fixed order: java first (the reference), then opencl, spirv, cuda, vector (the JVM through our JIT: a default device only where no other is), then any other.
 */
public final class Backends {
    private static final List<String> ORDER = List.of("java", "opencl", "spirv", "cuda", "vector");
    private static volatile List<Backend> all;

    private Backends() {}

    public static List<Backend> all() {
        List<Backend> b = all;
        if (b == null) {
            synchronized (Backends.class) {
                if (all == null) {
                    List<Backend> found = new ArrayList<>();
                    ServiceLoader.load(Backend.class, Backends.class.getClassLoader()).forEach(found::add);
                    found.sort(Comparator.comparingInt(x -> {
                        int i = ORDER.indexOf(x.name());
                        return i < 0 ? ORDER.size() : i;
                    }));
                    all = List.copyOf(found);
                }
                b = all;
            }
        }
        return b;
    }
}
