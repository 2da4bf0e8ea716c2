package org.trm4j.infer.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.infer.ExampleResult;
import org.trm4j.infer.cli.EvalCommand;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.train.data.ArcAugmentation;
import org.trm4j.train.data.ArcCanvas;
import org.trm4j.train.data.ArcSets;
import org.trm4j.train.data.ArcTask;
import org.trm4j.train.data.Grid;
import org.trm4j.train.data.MemoryDataSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * The ARC pipeline: a perfect predictor in every augmented orientation and colouring votes the true outputs back
 * (inverse transforms and test-input bookkeeping), and `trm eval` on a task file writes a submission with every task.
 */
public class ArcEvaluationTest {
    @TempDir Path dir;

    public static final String TASKS = """
            {"t1": {"train": [{"input": [[1,2],[3,4]], "output": [[4,3],[2,1]]}],
                    "test": [{"input": [[5,6,7]]}, {"input": [[8],[9]]}]},
             "t2": {"train": [{"input": [[0,1]], "output": [[1,0]]}],
                    "test": [{"input": [[2,3],[4,5],[6,7]]}]}}
            """;
    public static final String SOLUTIONS = """
            {"t1": [[[7,6,5]], [[9],[8]]], "t2": [[[3,2],[5,4],[7,6]]]}
            """;

    @Test
    void aPerfectPredictorInEveryAugmentationVotesTheTruthBack() throws Exception {
        Files.writeString(dir.resolve("x_challenges.json"), TASKS);
        Files.writeString(dir.resolve("x_solutions.json"), SOLUTIONS);
        List<ArcTask> tasks = ArcInputs.read(dir.resolve("x_challenges.json"));
        MemoryDataSet test = ArcSets.inMemory(List.of(), tasks, 5, 7)[1];
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, List<Grid>> truths = new LinkedHashMap<>();
        for (ArcTask t : tasks) {
            counts.put(t.id(), t.test().size());
            truths.put(t.id(), t.test().stream().map(ArcTask.Pair::output).toList());
        }
        ArcEvaluation.Voter voter = new ArcEvaluation.Voter(test, id -> test.puzzleName(id).orElse(null), counts);
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        int nonIdentity = 0;
        for (int i = 0; i < test.size(); i++) {
            ArcAugmentation.Named n = ArcAugmentation.parse(test.puzzleName(test.puzzleId(i)).orElseThrow());
            if (!n.augmentation().isIdentity()) nonIdentity++;
            int k = seen.merge(test.puzzleId(i), 1, Integer::sum) - 1;
            Grid truth = truths.get(n.taskId()).get(k);
            // What a perfect model outputs for this copy: the augmented truth on the canvas (plus a wrong grid at low q).
            int[] canvas = ArcCanvas.encode(n.augmentation().apply(truth), 0, 0);
            voter.accept(new ExampleResult(i, null, null, 0, new int[][] {canvas}, new float[] {1f}));
        }
        assertTrue(nonIdentity >= 8, "too few augmented copies: " + nonIdentity);
        assertEquals(1.0, voter.votes().passAt(1, truths), 1e-12);
        assertEquals(6, voter.votes().ranked("t1", 1).get(0).votes());   // identity + 5 copies agree after inversion
    }

    @Test
    void evalWritesASubmissionWithEveryTask() throws Exception {
        Path ch = dir.resolve("x_challenges.json"), sol = dir.resolve("x_solutions.json"), ck = dir.resolve("arc.safetensors"),
                sub = dir.resolve("out/submission.json");
        Files.writeString(ch, TASKS);
        Files.writeString(sol, SOLUTIONS);
        Files.createDirectories(sub.getParent());
        TrmConfig c = TrmConfig.builder().name("tiny-arc").vocabSize(ArcCanvas.VOCAB).seqLen(ArcCanvas.CELLS).noPuzzleEmb().hiddenSize(8)
                .numHeads(2).expansion(1.0).hCycles(1).lCycles(1).lLayers(1).haltMaxSteps(2).build();
        Checkpoint.save(Parameters.initialized(c, 1), ck, false, false);
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new EvalCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("--checkpoint", ck.toString(), "--data", ch.toString(), "--aug", "2", "--submission", sub.toString(), "--device", "java");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("ARC: 2 tasks, 3 test inputs, 9 predictions"), out.toString());
        assertTrue(out.toString().contains("pass@2"), out.toString());
        JsonNode s = new ObjectMapper().readTree(sub.toFile());
        assertEquals(List.of("t1", "t2"), ArcVotesTest.iterable(s.fieldNames()));
        assertEquals(2, s.get("t1").size());
        assertEquals(1, s.get("t2").size());
        for (JsonNode task : s)
            for (JsonNode attempts : task) {
                assertEquals(List.of("attempt_1", "attempt_2"), ArcVotesTest.iterable(attempts.fieldNames()));
                for (JsonNode g : attempts) {
                    assertTrue(g.isArray() && g.size() >= 1 && g.size() <= 30, g.toString());
                    int w = g.get(0).size();
                    for (JsonNode row : g) {
                        assertEquals(w, row.size(), "ragged grid " + g);
                        for (JsonNode v : row) assertTrue(v.isInt() && v.asInt() >= 0 && v.asInt() <= 9, g.toString());
                    }
                }
            }
        try (var files = Files.list(sub.getParent())) {
            assertEquals(List.of(sub), files.toList(), "no temp file left behind");
        }
    }
}
