package org.trm4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `trm` command line: one entry point, one small class per subcommand. */
@Command(name = "trm", mixinStandardHelpOptions = true, version = "trm4j 0.1.0",
        description = "Tiny Recursive Model on GPUs, CPUs and the JVM: devices, kernels, demo.",
        subcommands = {DevicesCommand.class, KernelsCommand.class, BenchCommand.class})
public final class Trm implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        CommandLine cl = new CommandLine(new Trm());
        for (SubcommandProvider p : java.util.ServiceLoader.load(SubcommandProvider.class)) cl.addSubcommand(p.name(), p.command());
        // A user error (bad class, bad method, a kernel that does not compile) is one clear line, not a stack trace.
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("trm: " + e.getMessage());
            if (System.getenv("TRM_DEBUG") != null) e.printStackTrace(cmd.getErr());
            return 1;
        });
        System.exit(cl.execute(args));
    }
}
