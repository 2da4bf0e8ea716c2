package org.trm4j.train;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.FloatArray;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.TrainingStepGraph;
import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.SudokuSets;

/** The training loop on a tiny task: it learns, it resumes exactly, it stops on NaN keeping the last good checkpoint. */
class TrainerTest {
    @TempDir Path dir;

    /** 4x4 Sudoku (vocab 11, 16 cells), tiny attention model. */
    static TrmConfig tinySudoku() {
        return Presets.tinyAtt().toBuilder().name("tiny-sudoku").vocabSize(11).seqLen(16).numPuzzleIdentifiers(1).build();
    }

    static TrainSettings settings(int batch, int micro, long steps, double lr) {
        return new TrainSettings(batch, micro, steps, 0, 0, 16, lr, 0, 1.0, 0.1, 1e-2, 0.1, 0.999, 7, true);
    }

    static Device device(String id) {
        try {
            return Devices.get(id);
        } catch (IllegalArgumentException e) {
            fail("device " + id + " is required: " + e.getMessage());
            return null;
        }
    }

    /** Collects the step reports. */
    static final class Recorder implements TrainerOutput {
        final List<StepReport> steps = new ArrayList<>();
        final List<Evaluator.Result> evals = new ArrayList<>();
        @Override public void step(StepReport r) { steps.add(r); }
        @Override public void evaluation(long step, Evaluator.Result r) { evals.add(r); }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "opencl:0:0"})
    void theLossGoesDownOnATinySudoku(String deviceId) {
        MemoryDataSet train = SudokuSets.generate(4, 16, 0, 1), test = SudokuSets.generate(4, 8, 0, 2);
        TrmConfig c = tinySudoku().toBuilder().haltMaxSteps(2).build();
        Recorder rec = new Recorder();
        int steps = 40;
        try (Trainer t = new Trainer(Parameters.initialized(c, 3), settings(8, 8, steps, 3e-3), device(deviceId),
                new ExampleSampler(train, 8, 1), test, null, rec)) {
            assertEquals(Trainer.Outcome.FINISHED, t.run(() -> false));
            assertEquals(steps, t.step());
        }
        double first = meanLoss(rec.steps.subList(0, 5)), last = meanLoss(rec.steps.subList(steps - 5, steps));
        System.out.printf("tiny 4x4 Sudoku on %s: loss %.4f (steps 1-5) -> %.4f (steps %d-%d); eval token accuracy %.3f%n",
                deviceId, first, last, steps - 4, steps, rec.evals.get(0).tokenAccuracy());
        assertTrue(last < 0.8 * first, "loss should fall by 20%: " + first + " -> " + last);
        assertEquals(1, rec.evals.size(), "one evaluation at the end");
        assertEquals(8, rec.evals.get(0).examples());
    }

    static double meanLoss(List<StepReport> l) { return l.stream().mapToDouble(StepReport::loss).average().orElseThrow(); }

    @Test void resumingEqualsTheUninterruptedRunBitForBit() throws Exception {
        MemoryDataSet train = SudokuSets.generate(4, 6, 1, 4);   // 12 examples: batches of 8 cross epochs
        TrmConfig c = tinySudoku();                               // exploration 0.1: the RNG state must carry over
        TrainSettings s = settings(8, 4, 7, 1e-3);
        Device java = device("java");
        Path whole = dir.resolve("whole"), split = dir.resolve("split");
        Files.createDirectories(whole);
        Files.createDirectories(split);

        Parameters straight;
        TrainingStepGraph.Carry straightCarry;
        try (Trainer t = new Trainer(Parameters.initialized(c, 9), s, java, new ExampleSampler(train, 8, s.seed()), null, whole, new Recorder())) {
            t.run(() -> false);
            straight = t.parameters();
            straightCarry = t.graph().carryState();
        }
        try (Trainer t = new Trainer(Parameters.initialized(c, 9), s, java, new ExampleSampler(train, 8, s.seed()), null, split, new Recorder())) {
            assertEquals(Trainer.Outcome.STOPPED, t.run(() -> t.step() == 4));
        }
        RunCheckpoint.State st = RunCheckpoint.load(split.resolve(RunCheckpoint.FILE));
        assertEquals(4, st.step());
        Parameters resumed;
        TrainingStepGraph.Carry resumedCarry;
        try (Trainer t = Trainer.resume(st, st.settings(), java, new ExampleSampler(train, 8, s.seed()), null, split, new Recorder())) {
            assertEquals(Trainer.Outcome.FINISHED, t.run(() -> false));
            resumed = t.parameters();
            resumedCarry = t.graph().carryState();
        }
        for (String n : straight.names()) assertArrayEquals(straight.get(n).toHeapArray(), resumed.get(n).toHeapArray(), n);
        for (String n : straight.optimizerState().names()) {
            assertArrayEquals(straight.optimizerState().expAvg(n).toHeapArray(), resumed.optimizerState().expAvg(n).toHeapArray(), "exp_avg " + n);
            assertArrayEquals(straight.optimizerState().expAvgSq(n).toHeapArray(), resumed.optimizerState().expAvgSq(n).toHeapArray(), "exp_avg_sq " + n);
            assertArrayEquals(straight.ema(n).toHeapArray(), resumed.ema(n).toHeapArray(), "ema " + n);
        }
        assertArrayEquals(straightCarry.zH(), resumedCarry.zH());
        assertArrayEquals(straightCarry.steps(), resumedCarry.steps());
        assertArrayEquals(straightCarry.inputs(), resumedCarry.inputs());
        assertEquals(7, resumed.optimizerState().step());
        // the checkpoints on disk hold the same state too
        RunCheckpoint.State a = RunCheckpoint.load(whole.resolve(RunCheckpoint.FILE)), b = RunCheckpoint.load(split.resolve(RunCheckpoint.FILE));
        for (String n : straight.names()) assertArrayEquals(a.params().get(n).toHeapArray(), b.params().get(n).toHeapArray(), n);
        assertArrayEquals(a.dataPosition(), b.dataPosition());
        assertEquals(a.explorationState(), b.explorationState());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java", "opencl:0:0"})
    void aNaNStopsTheRunNamingStepAndTensorAndKeepsTheLastGoodCheckpoint(String deviceId) throws Exception {
        MemoryDataSet train = SudokuSets.generate(4, 4, 0, 5);
        TrmConfig c = tinySudoku();
        TrainSettings s = new TrainSettings(4, 4, 2, 0, 1, 0, 1e-3, 0, 1.0, 0.1, 1e-2, 0.1, 0.999, 7, true);
        Device dev = device(deviceId);
        try (Trainer t = new Trainer(Parameters.initialized(c, 1), s, dev, new ExampleSampler(train, 4, 1), null, dir, new Recorder())) {
            t.run(() -> false);
        }
        RunCheckpoint.State st = RunCheckpoint.load(dir.resolve(RunCheckpoint.FILE));
        assertEquals(2, st.step());
        FloatArray w = st.params().get(ParameterSpec.LM_HEAD);
        w.set(3, Float.NaN);
        Trainer.NonFiniteException e;
        try (Trainer t = Trainer.resume(st, s.withTotalSteps(4), dev, new ExampleSampler(train, 4, 1), null, dir, new Recorder())) {
            e = assertThrows(Trainer.NonFiniteException.class, () -> t.run(() -> false));
        }
        String m = e.getMessage();
        assertTrue(m.contains("step 3"), m);
        assertTrue(m.contains("lm_loss is NaN"), m);
        assertTrue(m.matches(".*the gradient of model\\.inner\\.\\S+ holds NaN or infinity.*"), m);
        assertTrue(m.contains("last good checkpoint (step 2)"), m);
        assertEquals(2, RunCheckpoint.load(dir.resolve(RunCheckpoint.FILE)).step(), "the checkpoint of step 2 stays");
    }

    @Test void samplerPositionsReplayTheSameBatches() {
        MemoryDataSet train = SudokuSets.generate(4, 5, 0, 6);
        ExampleSampler a = new ExampleSampler(train, 3, 11);
        for (int i = 0; i < 4; i++) a.next();
        long[] pos = a.position();
        assertArrayEquals(new long[] {2, 2}, pos, "12 examples read from epochs of 5");
        ExampleSampler b = new ExampleSampler(train, 3, 11);
        b.seek(pos);
        for (int i = 0; i < 3; i++) assertArrayEquals(a.next().inputs(), b.next().inputs());
        assertThrows(IllegalArgumentException.class, () -> b.seek(new long[] {0, 99}));
    }

    @Test void settingsAreCheckedWithClearMessages() {
        var e = assertThrows(IllegalArgumentException.class, () -> settings(8, 3, 10, 1e-4));
        assertTrue(e.getMessage().contains("--micro-batch must divide --batch 8"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(8, 8, 0, 1e-4));
    }
}
