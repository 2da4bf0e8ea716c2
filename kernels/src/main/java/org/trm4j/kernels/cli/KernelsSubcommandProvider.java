package org.trm4j.kernels.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds `trm linear-bench` to the launcher (ServiceLoader). */
public final class KernelsSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "linear-bench"; }

    @Override public Object command() { return new LinearBenchCommand(); }
}
