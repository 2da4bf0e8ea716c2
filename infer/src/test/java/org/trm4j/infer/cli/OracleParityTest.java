package org.trm4j.infer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trm4j.model.ReferenceConfig;
import org.trm4j.model.Safetensors;

import picocli.CommandLine;

/**
 * `trm solve --save-outputs` against the reference itself (/work/shared/tools/ref-oracle, `oracle.py forward`) from
 * the same checkpoint and inputs, on the oracle's tiny presets with perturbed q head and puzzle embedding: logits
 * of step 1 within 1e-4 relative + 1e-5 absolute, q values of step 1 likewise, predictions equal at every step. The
 * run takes halt_max_steps + 2 steps, so the restart after the halt is compared too. Once from the oracle's
 * safetensors checkpoint (config from its metadata), once from a torch.save .pt of it with {@code _orig_mod.}
 * names and the config given as a file (--config), as the reference's own checkpoints come.
 */
class OracleParityTest {
    static final Path ORACLE = Path.of("/work/shared/tools/ref-oracle");
    static final String PY = "/usr/bin/python3";

    @TempDir Path dir;

    @ParameterizedTest(name = "{0} on {1}, .pt: {2}")
    @CsvSource({"tiny-mlp, java, false", "tiny-att, java, false", "tiny-att, opencl:0:0, false", "tiny-mlp, java, true"})
    void stepOutputsMatchTheReference(String preset, String device, boolean viaPt) throws Exception {
        Path ck = dir.resolve("ck.safetensors"), in = dir.resolve("in.safetensors"), ref = dir.resolve("ref.safetensors"),
                ours = dir.resolve("ours.safetensors");
        run(PY, ORACLE.resolve("oracle.py").toString(), "init", "--preset", preset, "--seed", "3", "--out", ck.toString(),
                "--puzzles", "3", "--perturb", "0.5", "--threads", "1");
        run(PY, ORACLE.resolve("make_batch.py").toString(), "--batch", "3", "--seq-len", "16", "--puzzles", "3", "--seed", "4",
                "--out", in.toString());
        int steps;
        String json;
        try (Safetensors.Reader r = Safetensors.open(ck)) {
            json = r.metadata().get(ReferenceConfig.META_KEY);
        }
        steps = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("halt_max_steps").asInt() + 2;
        run(PY, ORACLE.resolve("oracle.py").toString(), "forward", "--ckpt", ck.toString(), "--inputs", in.toString(),
                "--out", ref.toString(), "--steps", Integer.toString(steps), "--threads", "1");
        List<String> args = new ArrayList<>(List.of("--checkpoint", ck.toString()));
        if (viaPt) {
            Path pt = dir.resolve("ref-state-dict.pt"), cfg = dir.resolve("arch.json");
            Files.writeString(cfg, json);
            run(PY, "-c", """
                    import sys, torch, collections
                    sys.path.insert(0, '%s'); import st
                    t, _ = st.read('%s')
                    torch.save(collections.OrderedDict(('_orig_mod.' + k, torch.from_numpy(v.copy())) for k, v in t.items()), '%s')
                    """.formatted(ORACLE, ck, pt));
            args = new ArrayList<>(List.of("--checkpoint", pt.toString(), "--config", cfg.toString()));
        }
        args.addAll(List.of("--inputs", in.toString(), "--save-outputs", ours.toString(), "--steps", Integer.toString(steps), "--device", device));
        CommandLine cl = new CommandLine(new SolveCommand());
        cl.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        assertEquals(0, cl.execute(args.toArray(String[]::new)));

        try (Safetensors.Reader a = Safetensors.open(ref); Safetensors.Reader b = Safetensors.open(ours)) {
            for (String n : List.of("logits_step1", "q_halt_step1", "q_continue_step1")) {
                float[] x = a.readFloat(n).toHeapArray(), y = b.readFloat(n).toHeapArray();
                assertArrayEquals(a.entry(n).shape(), b.entry(n).shape(), n);
                double worst = 0;
                for (int i = 0; i < x.length; i++) {
                    double err = Math.abs(x[i] - y[i]) - (1e-5 + 1e-4 * Math.max(Math.abs(x[i]), Math.abs(y[i])));
                    worst = Math.max(worst, err);
                }
                assertTrue(worst <= 0, n + ": beyond 1e-4 rel + 1e-5 abs by " + worst);
            }
            for (int k = 1; k <= steps; k++) {
                String n = "preds_step" + k;
                assertEquals(Safetensors.DType.I32, b.entry(n).dtype());
                assertArrayEquals(a.readInts(n), b.readInts(n), n);
                assertArrayEquals(new long[] {3, 16, 11}, b.entry("logits_step" + k).shape());
                assertArrayEquals(new long[] {3}, b.entry("q_halt_step" + k).shape());
            }
        }
    }

    static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + " failed (the oracle needs /usr/bin/python3 with torch):\n" + out);
    }
}
