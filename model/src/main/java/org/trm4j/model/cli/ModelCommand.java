package org.trm4j.model.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.trm4j.model.Checkpoint;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.ReferenceConfig;
import org.trm4j.model.TensorSpec;
import org.trm4j.model.TrmConfig;

import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `trm model`: TRM configs and their tensors. */
@Command(name = "model", description = "TRM model configs: presets, tensors, parameter counts.",
        mixinStandardHelpOptions = true, subcommands = {ModelCommand.Info.class, ModelCommand.Presets_.class, ModelCommand.Init.class, StepBenchCommand.class})
public final class ModelCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** `trm model info`: every tensor of a config (a preset or a checkpoint's), then the totals. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Print every tensor (reference state-dict name, shape, elements, how it is trained), then the parameter totals.")
    static final class Info implements Runnable {
        @Spec CommandLine.Model.CommandSpec spec;

        static final class Source {
            @Option(names = "--preset", paramLabel = "NAME", description = "A preset: sudoku-mlp, maze-att, arc-att, small-mlp, small-att, tiny-mlp, tiny-att.")
            String preset;
            @Option(names = "--checkpoint", paramLabel = "FILE", description = "A trm4j checkpoint (.safetensors): its saved config.")
            Path checkpoint;
        }

        @ArgGroup(exclusive = true, multiplicity = "1") Source source;

        @Option(names = "--puzzle-ids", paramLabel = "N", description = "Override the number of puzzle identifiers (e.g. for arc-att).")
        Integer puzzleIds;

        @Override public void run() {
            TrmConfig c;
            try {
                if (source.preset != null) c = Presets.get(source.preset);
                else {
                    c = Checkpoint.readConfig(source.checkpoint).orElseThrow(() -> new IllegalArgumentException(source.checkpoint + " has no saved config"));
                    // The metadata is only a claim: every tensor must match the config it describes.
                    Checkpoint.verify(source.checkpoint, ParameterSpec.of(puzzleIds == null ? c : c.withNumPuzzleIdentifiers(puzzleIds)));
                }
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (puzzleIds != null) c = c.withNumPuzzleIdentifiers(puzzleIds);
            print(c, spec.commandLine().getOut());
        }
    }

    /** `trm model init`: a freshly initialised checkpoint (reference state-dict names, trm_config metadata). */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Write a freshly initialised model as a checkpoint with the reference's state-dict names (model.inner.*) "
                    + "and its config as metadata (trm4j's and the reference's trm_config), readable by the reference oracle.")
    static final class Init implements Runnable {
        @Spec CommandLine.Model.CommandSpec spec;

        static final class Source {
            @Option(names = "--preset", paramLabel = "NAME", description = "A preset (trm model presets).")
            String preset;
            @Option(names = "--config", paramLabel = "CFG", description = "A JSON or YAML object with the reference's config names "
                    + "(the arch: section of all_config.yaml accepted); every field without a reference default must be given.")
            Path config;
        }

        @ArgGroup(exclusive = true, multiplicity = "1") Source source;
        @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Initialisation seed (default ${DEFAULT-VALUE}).")
        long seed;
        @Option(names = "--puzzle-ids", paramLabel = "N", description = "Number of puzzle identifiers (rows of the puzzle embedding).")
        Integer puzzleIds;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The checkpoint to write (.safetensors).")
        Path out;

        @Override public void run() {
            TrmConfig c;
            try {
                c = source.preset != null ? Presets.get(source.preset)
                        : ReferenceConfig.read(source.config, Map.of(), Map.of()).config();
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            if (puzzleIds != null) c = c.withNumPuzzleIdentifiers(puzzleIds);
            Parameters p = Parameters.initialized(c, seed);
            try {
                Checkpoint.save(p, out, false, false);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + out + ": " + e.getMessage(), e);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.printf(Locale.ROOT, "wrote %s: %s, seed %d, %d tensors, %,d AdamATan2 parameters, %,d trainable%n", out, c.name(), seed,
                    p.spec().tensors().size(), p.adamCount(), p.trainableCount());
            w.flush();
        }
    }

    /** `trm model presets`: the preset names with their main settings. */
    @Command(name = "presets", mixinStandardHelpOptions = true, description = "List the presets.")
    static final class Presets_ implements Runnable {
        @Spec CommandLine.Model.CommandSpec spec;

        @Override public void run() {
            PrintWriter out = spec.commandLine().getOut();
            for (String n : Presets.names()) {
                TrmConfig c = Presets.get(n);
                out.printf(Locale.ROOT, "%-11s %s, vocab %d, seq %d + %d prefix, D %d%s, pos %s, H%d L%d x %d layers, %d puzzle ids, %,d AdamATan2 params%n",
                        n, c.mlpT() ? "mlp_t" : "attention", c.vocabSize(), c.seqLen(), c.puzzleEmbLen(), c.hiddenSize(),
                        c.mlpT() ? "" : " (" + c.numHeads() + " heads of " + c.headDim() + ")", c.posEncodings(), c.hCycles(), c.lCycles(),
                        c.lLayers(), c.numPuzzleIdentifiers(), ParameterSpec.of(c).adamCount());
            }
            out.flush();
        }
    }

    /** The `info` report of {@code c}. */
    public static void print(TrmConfig c, PrintWriter out) {
        ParameterSpec ps = ParameterSpec.of(c);
        out.printf(Locale.ROOT, "config %s: %s, vocab %d, seq_len %d, puzzle_emb_len %d, puzzle_emb_ndim %d, puzzle ids %d, D %d, %s, pos %s,%n",
                c.name(), c.mlpT() ? "TRM-MLP (mlp_t)" : "TRM-Att", c.vocabSize(), c.seqLen(), c.puzzleEmbLen(), c.puzzleEmbNdim(),
                c.numPuzzleIdentifiers(), c.hiddenSize(), c.mlpT() ? "no attention" : c.numHeads() + " heads of " + c.headDim(), c.posEncodings());
        out.printf(Locale.ROOT, "  H_cycles %d, L_cycles %d, L_layers %d, expansion %s, inter(D) %d%s, halt_max_steps %d%n",
                c.hCycles(), c.lCycles(), c.lLayers(), c.expansion(), c.channelInter(),
                c.mlpT() ? ", inter(L=" + c.totalLen() + ") " + c.tokenInter() : "", c.haltMaxSteps());
        int w = ps.tensors().stream().mapToInt(t -> t.name().length()).max().orElse(4);
        out.printf(Locale.ROOT, "%-" + w + "s  %-14s %13s  %-9s %s%n", "TENSOR", "SHAPE", "ELEMENTS", "TRAINED", "INIT");
        for (TensorSpec t : ps.tensors()) {
            String role = switch (t.role()) { case ADAM -> "adam"; case SIGN_SGD -> "sign-sgd"; case BUFFER -> "buffer"; };
            String init = switch (t.init()) {
                case TensorSpec.Init.TruncNormal n -> String.format(Locale.ROOT, "truncnormal std %.6g", n.std());
                case TensorSpec.Init.Constant k -> "constant " + k.value();
            };
            out.printf(Locale.ROOT, "%-" + w + "s  %-14s %,13d  %-9s %s%n", t.name(), t.shapeString(), t.numel(), role, init);
        }
        out.printf(Locale.ROOT, "AdamATan2 parameters (the reference's num_params): %,d%n", ps.adamCount());
        out.printf(Locale.ROOT, "puzzle embedding (sign-SGD):                       %,d%n", ps.count(TensorSpec.Role.SIGN_SGD));
        out.printf(Locale.ROOT, "trainable total:                                   %,d%n", ps.trainableCount());
        out.printf(Locale.ROOT, "buffers (H_init, L_init):                          %,d%n", ps.count(TensorSpec.Role.BUFFER));
        out.printf(Locale.ROOT, "total saved:                                       %,d (%s in float32)%n", ps.totalCount(), mib(ps.totalCount() * 4));
        out.flush();
    }

    private static String mib(long bytes) { return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0)); }
}
