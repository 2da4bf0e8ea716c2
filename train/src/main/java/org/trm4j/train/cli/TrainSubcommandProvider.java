package org.trm4j.train.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds `trm train` to the launcher (ServiceLoader). */
public final class TrainSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "train"; }

    @Override public Object command() { return new TrainCommand(); }
}
