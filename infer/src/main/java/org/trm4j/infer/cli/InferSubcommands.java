package org.trm4j.infer.cli;

import org.trm4j.cli.SubcommandProvider;

/** The `trm` subcommands of the infer module, one provider each (ServiceLoader lists them in META-INF/services). */
public final class InferSubcommands {
    private InferSubcommands() {}

    /** `trm convert`. */
    public static final class Convert implements SubcommandProvider {
        @Override public String name() { return "convert"; }
        @Override public Object command() { return new ConvertCommand(); }
    }

    /** `trm demo`. */
    public static final class Demo implements SubcommandProvider {
        @Override public String name() { return "demo"; }
        @Override public Object command() { return new org.trm4j.infer.demo.DemoCommand(); }
    }

    /** `trm eval`. */
    public static final class Eval implements SubcommandProvider {
        @Override public String name() { return "eval"; }
        @Override public Object command() { return new EvalCommand(); }
    }

    /** `trm solve`. */
    public static final class Solve implements SubcommandProvider {
        @Override public String name() { return "solve"; }
        @Override public Object command() { return new SolveCommand(); }
    }
}
