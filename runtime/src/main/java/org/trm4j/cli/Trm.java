package org.trm4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The `trm` command line: one entry point, one small class per subcommand. */
@Command(name = "trm", mixinStandardHelpOptions = true, version = "trm4j 0.1.0",
        description = "Tiny Recursive Model on GPUs, CPUs and the JVM: devices, kernels, models, training, solving.",
        subcommands = {CommandLine.HelpCommand.class, DevicesCommand.class, KernelsCommand.class, BenchCommand.class})
public final class Trm implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) { System.exit(execute(args)); }

    /**
     * Runs `trm` with {@code args} in this JVM and returns the exit code. Whatever a user typed ends in output
     * or in one line on standard error naming the problem, never in a stack trace (TRM_DEBUG=1 adds it).
     */
    public static int execute(String... args) {
        CommandLine cl = commandLine();
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return fail(cl.getErr(), "out of memory (" + e.getMessage() + "); try a smaller size or batch", e);
        }
    }

    /** The command tree: built-in commands, every module's (ServiceLoader), help options on each, one-line errors. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Trm());
        for (SubcommandProvider p : java.util.ServiceLoader.load(SubcommandProvider.class)) cl.addSubcommand(p.name(), p.command());
        addHelpOptions(cl);
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println(OneLine.of(c.getCommandName().equals("trm") ? "trm: " : "trm " + path(c) + ": ", e.getMessage())
                    + " (see `trm " + (c.getCommandName().equals("trm") ? "" : path(c) + " ") + "--help`)");
            c.getErr().flush();
            return 2;
        });
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> fail(cmd.getErr(), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e));
        return cl;
    }

    private static int fail(PrintWriter err, String message, Throwable e) {
        err.println(OneLine.of("trm: ", message));
        if (System.getenv("TRM_DEBUG") != null) e.printStackTrace(err);
        err.flush();
        return 1;
    }

    /** "model info" for the `trm model info` command line. */
    private static String path(CommandLine c) {
        String p = c.getCommandName();
        for (CommandLine up = c.getParent(); up != null && up.getParent() != null; up = up.getParent()) p = up.getCommandName() + " " + p;
        return p;
    }

    /** -h/--help and -V/--version on every command and subcommand, whichever module declared it. */
    private static void addHelpOptions(CommandLine c) {
        if (c.getCommandSpec().optionsMap().get("--help") == null) c.getCommandSpec().mixinStandardHelpOptions(true);
        for (CommandLine sub : c.getSubcommands().values()) addHelpOptions(sub);
    }
}
