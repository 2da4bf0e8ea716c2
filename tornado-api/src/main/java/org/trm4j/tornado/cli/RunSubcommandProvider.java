package org.trm4j.tornado.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds {@code trm run} (see {@link RunCommand}). */
public final class RunSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "run"; }

    @Override public Object command() { return new RunCommand(); }
}
