package org.trm4j.cli;

import java.util.List;

/**
 * The kernel classes of trm4j itself, which `trm kernels export` writes by default. Each module
 * with kernels adds its classes here; until the TRM kernels module lands these are the runtime's own.
 */
final class ProjectKernels {
    private ProjectKernels() {}

    static List<Class<?>> classes() {
        return List.of(DemoKernels.class, BenchCommand.class);
    }
}
