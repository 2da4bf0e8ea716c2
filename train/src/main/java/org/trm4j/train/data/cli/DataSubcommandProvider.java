package org.trm4j.train.data.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds `trm data` to the launcher (ServiceLoader). */
public final class DataSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "data"; }

    @Override public Object command() { return new DataCommand(); }
}
