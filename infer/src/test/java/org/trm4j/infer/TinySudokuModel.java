package org.trm4j.infer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.trm4j.api.Devices;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;
import org.trm4j.model.graph.StepResult;
import org.trm4j.model.graph.TrainingHyper;
import org.trm4j.model.graph.TrainingStepGraph;
import org.trm4j.train.data.SudokuGrid;
import org.trm4j.train.data.SudokuShape;

/** A tiny TRM trained in the test (on the java device, a second or two) until it solves a few 4x4 Sudokus it saw. */
public final class TinySudokuModel {
    private TinySudokuModel() {}

    public static final SudokuShape SHAPE = SudokuShape.of(4);
    /** Puzzles (each with a unique solution) and their solutions. */
    public static final String[] PUZZLES = {"1.34.41221.343.1", ".2.434..2..34.2.", "2..1.4..4..3..1."};
    public static final String[] SOLUTIONS = {"1234341221434321", "1234341221434321", "2341143241233214"};

    public static TrmConfig config() {
        return TrmConfig.builder().name("tiny-sudoku4").vocabSize(SudokuShape.VOCAB).seqLen(16).noPuzzleEmb().hiddenSize(32)
                .numHeads(2).expansion(2.0).hCycles(2).lCycles(2).lLayers(1).mlpT(true).posEncodings(TrmConfig.POS_NONE)
                .haltMaxSteps(4).build();
    }

    private static Path trained;

    /** The checkpoint, trained once per test JVM (in a temp file deleted at exit). */
    public static synchronized Path checkpoint() throws IOException {
        if (trained == null) {
            Path f = java.nio.file.Files.createTempFile("tiny-sudoku4-", ".safetensors");
            f.toFile().deleteOnExit();
            train(f);
            trained = f;
        }
        return trained;
    }

    /** Trains and saves the checkpoint to {@code out}; fails when the model did not learn the puzzles. */
    public static void train(Path out) throws IOException {
        TrmConfig c = config();
        Parameters p = Parameters.initialized(c, 11);
        int n = PUZZLES.length, s = c.seqLen();
        int[] in = new int[n * s], lab = new int[n * s];
        for (int i = 0; i < n; i++) {
            System.arraycopy(SudokuGrid.toTokens(SudokuGrid.parse(PUZZLES[i], SHAPE, true)), 0, in, i * s, s);
            System.arraycopy(SudokuGrid.toTokens(SudokuGrid.parse(SOLUTIONS[i], SHAPE, false)), 0, lab, i * s, s);
        }
        Batch b = new Batch(in, lab, new int[n]);
        int exactRun = 0;
        try (TrainingStepGraph g = new TrainingStepGraph(p, n, TrainingHyper.constant(3e-3, 1e-2, 0.0, 0.0, n).withEmaRate(0), Devices.get("java"))) {
            for (int step = 0; step < 3000 && exactRun < 30; step++) {
                StepResult r = g.step(b);
                exactRun = r.count() > 0 && r.exactAccuracy() == r.count() ? exactRun + 1 : r.count() > 0 ? 0 : exactRun;
            }
            g.syncToHost();
        }
        assertTrue(exactRun >= 30, "the tiny model did not learn its puzzles");
        Checkpoint.save(p, out, false, false);
    }
}
