package org.trm4j.infer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.trm4j.infer.LoadedModel;
import org.trm4j.infer.StepOutputs;
import org.trm4j.infer.TokenInputs;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.InferenceGraph;
import org.trm4j.model.graph.InferenceResult;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `trm solve`: run a checkpoint on puzzles and show the answers (or every step's outputs, for the reference). */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Solve puzzles with a trained TRM: every supervision step from a fresh carry, in eval mode.",
                "--inputs F --save-outputs O writes every step's logits, q values and predictions with the reference oracle's names."})
public final class SolveCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;
    @Mixin ModelOptions model;

    @Option(names = "--inputs", paramLabel = "F",
            description = "Raw token rows: a text file (one row of token ids a line) or safetensors (int inputs [B, L], optional puzzle_identifiers [B]).")
    Path inputs;

    @Option(names = "--save-outputs", paramLabel = "O.safetensors",
            description = "With --inputs: write logits_step{k} [B,L,V], q_halt_step{k} [B], q_continue_step{k} [B], preds_step{k} [B,L] for k = 1..steps.")
    Path saveOutputs;

    @Option(names = "--steps", paramLabel = "N", description = "Supervision steps (default: the config's halt_max_steps; later steps restart after a halt as the reference does).")
    Integer steps;

    @Override public void run() {
        if (inputs == null) throw new IllegalArgumentException("give --inputs F");
        if (steps != null && steps < 1) throw new IllegalArgumentException("--steps must be >= 1, got " + steps);
        LoadedModel m = model.open();
        TrmConfig c = m.config();
        PrintWriter out = spec.commandLine().getOut();
        TokenInputs in;
        try {
            in = TokenInputs.read(inputs, c);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        int n = steps != null ? steps : c.haltMaxSteps();
        InferenceResult r;
        try (InferenceGraph g = new InferenceGraph(m.params(), in.batch(), n, saveOutputs != null, model.device())) {
            r = g.run(in.inputs(), in.puzzleIds());
        }
        if (saveOutputs != null) {
            try {
                StepOutputs.write(saveOutputs, r, c, in.batch());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot write " + saveOutputs + ": " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "wrote %s: %d steps of %d rows (logits, q_halt, q_continue, preds)%n", saveOutputs, n, in.batch());
        } else {
            int s = c.seqLen();
            for (int b = 0; b < in.batch(); b++) {
                StringBuilder sb = new StringBuilder();
                for (int t = 0; t < s; t++) sb.append(t == 0 ? "" : " ").append(r.finalPredictions()[b * s + t]);
                out.println(sb);
            }
        }
        out.flush();
    }
}
