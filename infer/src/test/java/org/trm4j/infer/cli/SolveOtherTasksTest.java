package org.trm4j.infer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.infer.arc.ArcEvaluationTest;
import org.trm4j.infer.show.ArcShow;
import org.trm4j.infer.show.MazeShow;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.train.data.ArcCanvas;
import org.trm4j.train.data.Grid;
import org.trm4j.train.data.MazeGrid;

import picocli.CommandLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** `trm solve` on mazes and ARC tasks (with untrained models: the layout and verdicts, not the answers), and their renderers. */
class SolveOtherTasksTest {
    @TempDir Path dir;

    static final String MAZE = """
            #####
            #S  #
            # # #
            #  G#
            #####
            """;

    static String[] run(Path ck, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new SolveCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        cl.setExecutionExceptionHandler((e, c, p) -> { c.getErr().println("trm: " + e.getMessage()); return 1; });
        String[] all = new String[args.length + 4];
        all[0] = "--checkpoint"; all[1] = ck.toString(); all[2] = "--device"; all[3] = "java";
        System.arraycopy(args, 0, all, 4, args.length);
        int code = cl.execute(all);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void mazeFromADrawingShowsTheMazeThePathAndAVerdict() throws Exception {
        Path ck = dir.resolve("maze.safetensors"), f = dir.resolve("maze.txt");
        TrmConfig c = TrmConfig.builder().name("tiny-maze").vocabSize(MazeGrid.VOCAB).seqLen(25).noPuzzleEmb().hiddenSize(16).numHeads(2)
                .expansion(2.0).hCycles(1).lCycles(1).lLayers(1).haltMaxSteps(3).build();
        Checkpoint.save(Parameters.initialized(c, 2), ck, false, false);
        Files.writeString(f, MAZE);
        String[] r = run(ck, "--file", f.toString(), "--show-steps");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("step 3: q_halt"), r[1]);
        assertTrue(r[1].contains("maze     path"), r[1]);
        assertTrue(r[1].contains("#S  #"), r[1]);
        assertTrue(r[1].matches("(?s).*\\n(a shortest path from S to G|not a solution: )[^\\n]*q_halt [-+]\\d.*"), r[1]);
        String[] j = run(ck, "--json", "--file", f.toString());
        JsonNode n = new ObjectMapper().readTree(j[1]);
        assertEquals(MazeGrid.format(MazeGrid.parse(MAZE.replace("\n", ""))), n.get("mazes").get(0).get("maze").asText());
        assertEquals(25, n.get("mazes").get(0).get("answer").asText().length());
    }

    @Test
    void mazeVerdicts() {
        Grid q = MazeGrid.parse(MAZE.replace("\n", ""));
        Grid good = MazeGrid.parse("#####" + "#Soo#" + "# #o#" + "#  G#" + "#####");
        assertNull(MazeShow.problem(q, good));
        assertEquals("a shortest path from S to G (4 steps)", MazeShow.verdict(q, good));
        Grid wall = MazeGrid.parse("#####" + "#So #" + "#o#o#" + "#  G#" + "#####");
        assertTrue(MazeShow.verdict(q, wall).startsWith("not a solution: "), MazeShow.verdict(q, wall));
    }

    @Test
    void arcTaskShowsInputAttemptsAndExpected() throws Exception {
        Path ck = dir.resolve("arc.safetensors"), ch = dir.resolve("x_challenges.json");
        Files.writeString(ch, ArcEvaluationTest.TASKS);
        Files.writeString(dir.resolve("x_solutions.json"), ArcEvaluationTest.SOLUTIONS);
        TrmConfig c = TrmConfig.builder().name("tiny-arc").vocabSize(ArcCanvas.VOCAB).seqLen(ArcCanvas.CELLS).noPuzzleEmb().hiddenSize(8)
                .numHeads(2).expansion(1.0).hCycles(1).lCycles(1).lLayers(1).haltMaxSteps(2).build();
        Checkpoint.save(Parameters.initialized(c, 1), ck, false, false);
        String[] r = run(ck, "--file", ch.toString(), "--aug", "1");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("task t1, test input 2 of 2"), r[1]);
        assertTrue(r[1].contains("input   attempt 1"), r[1]);
        assertTrue(r[1].contains("expected"), r[1]);
        assertTrue(r[1].contains("test inputs right within two attempts"), r[1]);
        assertFalse(r[1].contains("\u001b["), "no colour codes when not on a terminal");
    }

    @Test
    void arcGridsAsDigitsOrColouredBlocks() {
        Grid g = new Grid(2, 2, new int[] {0, 1, 2, 9});
        assertEquals("0 1\n2 9\n", ArcShow.grid(g, false));
        assertEquals("\u001b[48;5;16m  \u001b[48;5;27m  \u001b[0m\n\u001b[48;5;196m  \u001b[48;5;88m  \u001b[0m\n", ArcShow.grid(g, true));
    }
}
