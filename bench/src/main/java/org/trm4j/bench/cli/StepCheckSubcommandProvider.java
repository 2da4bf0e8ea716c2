package org.trm4j.bench.cli;

import org.trm4j.cli.SubcommandProvider;

/** Adds `trm step-check` to the launcher (ServiceLoader). */
public final class StepCheckSubcommandProvider implements SubcommandProvider {
    @Override public String name() { return "step-check"; }

    @Override public Object command() { return new StepCheckCommand(); }
}
