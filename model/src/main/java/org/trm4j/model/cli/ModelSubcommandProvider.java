package org.trm4j.model.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds `trm model` to the launcher (ServiceLoader). */
public final class ModelSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "model"; }

    @Override public Object command() { return new ModelCommand(); }
}
