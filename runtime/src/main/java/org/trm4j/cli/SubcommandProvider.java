package org.trm4j.cli;

/**
 * How a module adds commands to `trm` (e.g. `trm model` from the model module): implement this, list the
 * class in META-INF/services/org.trm4j.cli.SubcommandProvider, and the launcher's class path does the rest.
 */
public interface SubcommandProvider {
    /** The subcommand's name, e.g. "model". */
    String name();

    /** A picocli @Command object. */
    Object command();
}
