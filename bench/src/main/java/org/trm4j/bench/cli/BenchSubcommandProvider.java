package org.trm4j.bench.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds `trm bench` to the launcher (ServiceLoader). */
public final class BenchSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "bench"; }

    @Override public Object command() { return new BenchCommand(); }
}
