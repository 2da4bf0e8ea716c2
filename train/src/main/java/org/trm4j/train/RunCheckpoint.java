package org.trm4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.Safetensors;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.TrainingStepGraph;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A training run's checkpoint: a model {@link Checkpoint} (weights with the reference's names, AdamATan2 state, EMA
 * under {@code ema.}) plus what an exact resume needs: the ACT carry of every slot ({@code carry.*} tensors: the
 * example each slot holds, its steps and halted flag, z_H and z_L), and in the metadata the settings, the data
 * position and the halting-exploration RNG state. The optimizer step is the model checkpoint's.
 */
public final class RunCheckpoint {
    private RunCheckpoint() {}

    public static final String FILE = "checkpoint.safetensors";
    static final String META_SETTINGS = "trainer.settings", META_POSITION = "trainer.data_position",
            META_EXPLORATION = "trainer.exploration_state", META_ELAPSED = "trainer.elapsed_seconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a resume restores. */
    public record State(Parameters params, TrainSettings settings, TrainingStepGraph.Carry carry, long[] dataPosition,
                        long explorationState, double elapsedSeconds) {
        public long step() { return params.optimizerState().step(); }
    }

    /** Writes the run's state after its last step (parameters must be synced to the host). */
    public static void save(Path file, Parameters p, TrainSettings s, TrainingStepGraph.Carry carry, long[] dataPosition,
                            long explorationState, double elapsedSeconds) throws IOException {
        TrmConfig c = p.config();
        int b = carry.puzzleIds().length, sl = c.seqLen(), len = c.totalLen(), d = c.hiddenSize();
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        t.put("carry.inputs", new Safetensors.Tensor(new int[] {b, sl}, IntArray.fromArray(carry.inputs())));
        t.put("carry.labels", new Safetensors.Tensor(new int[] {b, sl}, IntArray.fromArray(carry.labels())));
        t.put("carry.puzzle_identifiers", new Safetensors.Tensor(new int[] {b}, IntArray.fromArray(carry.puzzleIds())));
        t.put("carry.steps", new Safetensors.Tensor(new int[] {b}, IntArray.fromArray(carry.steps())));
        t.put("carry.halted", new Safetensors.Tensor(new int[] {b}, IntArray.fromArray(carry.halted())));
        t.put("carry.z_H", new Safetensors.Tensor(new int[] {b, len, d}, FloatArray.fromArray(carry.zH())));
        t.put("carry.z_L", new Safetensors.Tensor(new int[] {b, len, d}, FloatArray.fromArray(carry.zL())));
        Map<String, String> m = new LinkedHashMap<>();
        m.put(META_SETTINGS, JSON.writeValueAsString(s));
        m.put(META_POSITION, JSON.writeValueAsString(dataPosition));
        m.put(META_EXPLORATION, Long.toString(explorationState));
        m.put(META_ELAPSED, Double.toString(elapsedSeconds));
        Checkpoint.save(p, file, true, p.hasEma(), t, m);
    }

    /** Reads a run checkpoint written by {@link #save}; anything missing or inconsistent is an IOException naming it. */
    public static State load(Path file) throws IOException {
        TrmConfig c = Checkpoint.readConfig(file).orElseThrow(() -> new IOException(file + ": no model config in the metadata"));
        Parameters p = Parameters.allocate(c);
        Checkpoint.LoadResult lr = Checkpoint.load(file, p, true);
        if (!lr.optimizerStateLoaded()) throw new IOException(file + ": not a training checkpoint (no optimizer state)");
        Map<String, String> meta = lr.metadata();
        try (Safetensors.Reader r = Safetensors.open(file)) {
            TrainSettings s = JSON.readValue(need(meta, META_SETTINGS, file), TrainSettings.class);
            long[] pos = JSON.readValue(need(meta, META_POSITION, file), long[].class);
            long explore = Long.parseLong(need(meta, META_EXPLORATION, file));
            double elapsed = Double.parseDouble(meta.getOrDefault(META_ELAPSED, "0"));
            TrainingStepGraph.Carry carry = new TrainingStepGraph.Carry(r.readInts("carry.inputs"), r.readInts("carry.labels"),
                    r.readInts("carry.puzzle_identifiers"), r.readInts("carry.steps"), r.readInts("carry.halted"),
                    r.readFloat("carry.z_H").toHeapArray(), r.readFloat("carry.z_L").toHeapArray());
            if (carry.puzzleIds().length != s.batch())
                throw new IOException(file + ": carry of " + carry.puzzleIds().length + " slots, settings say batch " + s.batch());
            if (s.ema() != lr.emaLoaded()) throw new IOException(file + ": settings say ema " + s.emaRate() + " but the EMA copy is " + (lr.emaLoaded() ? "present" : "missing"));
            return new State(p, s, carry, pos, explore, elapsed);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new IOException(file + ": damaged trainer metadata: " + e.getMessage(), e);
        }
    }

    private static String need(Map<String, String> meta, String key, Path file) throws IOException {
        String v = meta.get(key);
        if (v == null) throw new IOException(file + ": not a run checkpoint (no \"" + key + "\" in the metadata)");
        return v;
    }
}
