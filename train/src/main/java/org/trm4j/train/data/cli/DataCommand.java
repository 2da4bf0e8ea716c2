package org.trm4j.train.data.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** `trm data`: build data sets once, look at them. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Data sets for TRM: build them (Sudoku, maze, ARC-AGI), show examples.",
        subcommands = {BuildCommand.class, ShowCommand.class})
public final class DataCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }
}
