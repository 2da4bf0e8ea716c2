package org.trm4j.jit.frontend;

import org.trm4j.api.IntArray;

/** Kernels in a second class: static final fields that are not compile-time constants, nested classes. */
public final class MoreKernels {
    private MoreKernels() {}

    /** Not a compile-time constant, so javac emits getstatic: the front end reads it by reflection. */
    static final int RUNTIME_CONSTANT = Integer.parseInt("41") + 1;

    public static void readsStaticFinal(IntArray a) {
        a.set(0, RUNTIME_CONSTANT);
    }

    /** Kernels in a nested class are read from MoreKernels$Nested.class. */
    public static final class Nested {
        public static void twice(IntArray a) {
            for (@org.trm4j.api.Parallel int i = 0; i < a.getSize(); i++) a.set(i, Helpers.twice(a.get(i)));
        }
    }

    static final class Helpers {
        static int twice(int x) { return x << 1; }
    }
}
