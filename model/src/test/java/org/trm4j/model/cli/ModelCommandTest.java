package org.trm4j.model.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.trm4j.cli.SubcommandProvider;

import picocli.CommandLine;

class ModelCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = new CommandLine(new ModelCommand());
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), out.toString(), err.toString()};
    }

    @Test void infoSudokuMlp() {
        String[] r = run("info", "--preset", "sudoku-mlp");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertTrue(out.contains("config sudoku-mlp: TRM-MLP (mlp_t), vocab 11, seq_len 81"), out);
        assertTrue(out.matches("(?s).*model\\.inner\\.L_level\\.layers\\.1\\.mlp\\.gate_up_proj\\.weight\\s+\\[3072, 512\\]\\s+1,572,864\\s+adam\\s+truncnormal std 0\\.0441942.*"), out);
        assertTrue(out.matches("(?s).*model\\.inner\\.puzzle_emb\\.weights\\s+\\[1, 512\\]\\s+512\\s+sign-sgd\\s+constant 0\\.0.*"), out);
        assertTrue(out.matches("(?s).*model\\.inner\\.H_init\\s+\\[512\\]\\s+512\\s+buffer\\s+truncnormal std 1\\.00000.*"), out);
        assertTrue(out.matches("(?s).*model\\.inner\\.q_head\\.bias\\s+\\[2\\]\\s+2\\s+adam\\s+constant -5\\.0.*"), out);
        assertTrue(out.contains("AdamATan2 parameters (the reference's num_params): 5,028,866"), out);
        assertTrue(out.contains("trainable total:                                   5,029,378"), out);
        assertTrue(out.contains("total saved:                                       5,030,402"), out);
        assertEquals(15, out.lines().filter(l -> l.startsWith("model.inner.")).count(), "one line per tensor");
    }

    @Test void infoMazeAttAndPuzzleIds() {
        String[] r = run("info", "--preset", "maze-att");
        assertTrue(r[1].contains("self_attn.qkv_proj.weight"), r[1]);
        assertTrue(r[1].contains("AdamATan2 parameters (the reference's num_params): 6,822,914"), r[1]);
        r = run("info", "--preset", "arc-att", "--puzzle-ids", "1001");
        assertTrue(r[1].contains("puzzle embedding (sign-SGD):                       512,512"), r[1]);
    }

    @Test void unknownPresetIsAClearError() {
        CommandLine cl = new CommandLine(new ModelCommand());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> { cmd.getErr().println("trm: " + e.getMessage()); return 1; });
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(1, cl.execute("info", "--preset", "nope"));
        assertTrue(err.toString().contains("unknown TRM preset 'nope'; known presets: sudoku-mlp"), err.toString());
        assertEquals("2", run("info")[0], "a source is required");
    }

    @Test void initWritesALoadableCheckpoint(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = dir.resolve("c.safetensors");
        String[] r = run("init", "--preset", "tiny-att", "--seed", "3", "--out", f.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("wrote"), r[1]);
        org.trm4j.model.Parameters p = org.trm4j.model.Checkpoint.open(f);
        org.trm4j.model.Parameters want = org.trm4j.model.Parameters.initialized(org.trm4j.model.Presets.tinyAtt(), 3);
        for (String n : want.names()) assertArrayEquals(want.get(n).toHeapArray(), p.get(n).toHeapArray(), n);
        assertNotEquals("0", run("init", "--preset", "nope", "--out", f.toString())[0]);

        java.nio.file.Path cfg = dir.resolve("cfg.yaml"), g = dir.resolve("g.safetensors");
        java.nio.file.Files.writeString(cfg, "vocab_size: 11\nseq_len: 16\nhidden_size: 64\nnum_heads: 2\nexpansion: 4\npuzzle_emb_ndim: 64\n"
                + "puzzle_emb_len: 2\nnum_puzzle_identifiers: 1\nH_cycles: 2\nL_cycles: 2\nL_layers: 2\npos_encodings: rope\n"
                + "halt_max_steps: 4\nhalt_exploration_prob: 0.1\n");
        String[] fromCfg = run("init", "--config", cfg.toString(), "--seed", "1", "--out", g.toString());
        assertEquals("0", fromCfg[0], fromCfg[2]);
        org.trm4j.model.TrmConfig c = org.trm4j.model.Checkpoint.readConfig(g).orElseThrow();
        assertEquals(64, c.hiddenSize());
        assertEquals(2, c.puzzleEmbLen());
        assertEquals(4, c.haltMaxSteps());
    }

    @Test void presetsList() {
        String[] r = run("presets");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("sudoku-mlp  mlp_t, vocab 11, seq 81 + 16 prefix, D 512, pos none, H3 L6 x 2 layers, 1 puzzle ids, 5,028,866 AdamATan2 params"), r[1]);
        assertEquals(7, r[1].lines().count());
    }

    @Test void registeredWithTheLauncher() {
        boolean found = false;
        for (SubcommandProvider p : ServiceLoader.load(SubcommandProvider.class))
            if (p.name().equals("model")) { found = true; assertInstanceOf(ModelCommand.class, p.command()); }
        assertTrue(found, "META-INF/services lists the model provider");
    }
}
