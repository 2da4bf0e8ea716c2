package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.api.FloatArray;

class CheckpointTest {
    @TempDir Path dir;

    private static Parameters trained(TrmConfig c) {
        Parameters p = Parameters.initialized(c, 11);
        var o = p.allocateOptimizerState();
        for (String n : o.names()) {
            FloatArray m = o.expAvg(n), v = o.expAvgSq(n);
            for (int i = 0; i < m.getSize(); i++) { m.set(i, i * 0.5f - 1); v.set(i, i * 0.25f); }
        }
        o.setStep(1234);
        var ema = p.allocateEma();
        ema.values().forEach(a -> { for (int i = 0; i < a.getSize(); i++) a.set(i, -i); });
        p.get(ParameterSpec.PUZZLE_EMB).set(5, 0.75f);
        return p;
    }

    private static void assertSame(Parameters a, Parameters b) {
        for (String n : a.names()) assertArrayEquals(a.get(n).toHeapArray(), b.get(n).toHeapArray(), n);
    }

    @Test void roundTripWithOptimizerAndEma() throws IOException {
        Parameters p = trained(Presets.tinyAtt());
        Path f = dir.resolve("ck.safetensors");
        Checkpoint.save(p, f, true, true);
        try (var r = Safetensors.open(f)) {
            assertTrue(r.entries().containsKey("optimizer.exp_avg.model.inner.lm_head.weight"));
            assertTrue(r.entries().containsKey("optimizer.exp_avg_sq.model.inner.lm_head.weight"));
            assertTrue(r.entries().containsKey("ema.model.inner.lm_head.weight"));
            assertFalse(r.entries().containsKey("ema.model.inner.puzzle_emb.weights"));
            assertEquals("1234", r.metadata().get("optimizer.step"));
            assertEquals("trm4j-checkpoint", r.metadata().get("format"));
        }
        Parameters q = Parameters.allocate(Presets.tinyAtt());
        Checkpoint.LoadResult res = Checkpoint.load(f, q);
        assertTrue(res.optimizerStateLoaded());
        assertTrue(res.emaLoaded());
        assertEquals(1234, res.step());
        assertTrue(res.unknownTensors().isEmpty());
        assertSame(p, q);
        assertEquals(1234, q.optimizerState().step());
        for (String n : p.optimizerState().names()) {
            assertArrayEquals(p.optimizerState().expAvg(n).toHeapArray(), q.optimizerState().expAvg(n).toHeapArray());
            assertArrayEquals(p.optimizerState().expAvgSq(n).toHeapArray(), q.optimizerState().expAvgSq(n).toHeapArray());
            assertArrayEquals(p.ema(n).toHeapArray(), q.ema(n).toHeapArray());
        }
        assertEquals(Presets.tinyAtt(), Checkpoint.readConfig(f).orElseThrow());
        assertSame(p, Checkpoint.open(f));
    }

    @Test void weightsOnlyDropsStaleState() throws IOException {
        Parameters p = trained(Presets.tinyMlp());
        Path f = dir.resolve("w.safetensors");
        Checkpoint.save(p, f, false, false);
        try (var r = Safetensors.open(f)) { assertEquals(p.names().size(), r.entries().size()); }
        Parameters q = trained(Presets.tinyMlp());
        q.init(99);
        Checkpoint.LoadResult res = Checkpoint.load(f, q);
        assertFalse(res.optimizerStateLoaded());
        assertFalse(res.emaLoaded());
        assertFalse(q.hasOptimizerState());
        assertFalse(q.hasEma());
        assertSame(p, q);
    }

    /** Writes the given tensors by hand (reference names, any dtype via raw bytes). */
    private Path handWritten(Map<String, Safetensors.Tensor> t) throws IOException {
        Path f = Files.createTempFile(dir, "h", ".safetensors");
        Safetensors.write(f, t, Map.of());
        return f;
    }

    private static Map<String, Safetensors.Tensor> tensorsOf(Parameters p, String prefix) {
        Map<String, Safetensors.Tensor> m = new LinkedHashMap<>();
        for (TensorSpec t : p.spec().tensors()) m.put(prefix + t.name(), new Safetensors.Tensor(t.shape(), p.get(t.name())));
        return m;
    }

    @Test void acceptsTorchCompilePrefix() throws IOException {
        Parameters p = Parameters.initialized(Presets.tinyMlp(), 3);
        Path f = handWritten(tensorsOf(p, "_orig_mod."));
        Parameters q = Parameters.allocate(Presets.tinyMlp());
        Checkpoint.load(f, q);
        assertSame(p, q);
    }

    @Test void missingTensor() throws IOException {
        Parameters p = Parameters.initialized(Presets.tinyMlp(), 3);
        var m = tensorsOf(p, "");
        m.remove(ParameterSpec.L_INIT);
        Path f = handWritten(m);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, Parameters.allocate(Presets.tinyMlp())));
        assertTrue(e.getMessage().contains("checkpoint does not fit model 'tiny-mlp': missing tensor model.inner.L_init (expected F32 [16])"), e.getMessage());
    }

    @Test void wrongShapeNamesTensorExpectedAndFound() throws IOException {
        Parameters small = Parameters.initialized(Presets.tinyMlp(), 3);
        Path f = dir.resolve("s.safetensors");
        Checkpoint.save(small, f, false, false);
        Parameters other = Parameters.allocate(Presets.tinyMlp().toBuilder().vocabSize(7).build());
        other.init(1);
        float before = other.get(ParameterSpec.LM_HEAD).get(0);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, other));
        assertTrue(e.getMessage().contains("tensor model.inner.embed_tokens.embedding_weight: shape [6, 16] found, [7, 16] expected"), e.getMessage());
        assertTrue(e.getMessage().contains("tensor model.inner.lm_head.weight: shape [6, 16] found, [7, 16] expected"), e.getMessage());
        assertEquals(before, other.get(ParameterSpec.LM_HEAD).get(0), "nothing loaded when the file does not fit");
    }

    @Test void wrongDtype() throws IOException {
        String json = "{\"model.inner.H_init\":{\"dtype\":\"I32\",\"shape\":[16],\"data_offsets\":[0,64]}}";
        byte[] h = json.getBytes();
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        Path f = Files.write(dir.resolve("i32.safetensors"), b.array());
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, Parameters.allocate(Presets.tinyMlp())));
        assertTrue(e.getMessage().contains("tensor model.inner.H_init: dtype I32 found, F32 expected"), e.getMessage());
        assertTrue(e.getMessage().contains("missing tensor model.inner.lm_head.weight (expected F32 [6, 16])"), e.getMessage());
    }

    @Test void bf16BuffersOfTheReferenceAreRead() throws IOException {
        // The reference keeps H_init / L_init in bfloat16 (forward_dtype): write them as BF16 by hand.
        Parameters p = Parameters.initialized(Presets.tinyMlp(), 3);
        for (String n : new String[] {ParameterSpec.H_INIT, ParameterSpec.L_INIT}) {
            FloatArray a = p.get(n);
            for (int i = 0; i < a.getSize(); i++) a.set(i, Float.intBitsToFloat(Float.floatToRawIntBits(a.get(i)) & 0xFFFF0000));
        }
        StringBuilder json = new StringBuilder("{");
        ByteBuffer data = ByteBuffer.allocate((int) p.totalCount() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (TensorSpec t : p.spec().tensors()) {
            boolean bf = t.role() == TensorSpec.Role.BUFFER;
            int begin = data.position();
            for (float v : p.get(t.name()).toHeapArray()) {
                if (bf) data.putShort((short) (Float.floatToRawIntBits(v) >>> 16)); else data.putFloat(v);
            }
            if (json.length() > 1) json.append(',');
            json.append('"').append("_orig_mod.").append(t.name()).append("\":{\"dtype\":\"").append(bf ? "BF16" : "F32")
                    .append("\",\"shape\":").append(Arrays.toString(t.shape())).append(",\"data_offsets\":[").append(begin).append(',')
                    .append(data.position()).append("]}");
        }
        json.append('}');
        byte[] h = json.toString().getBytes();
        ByteBuffer all = ByteBuffer.allocate(8 + h.length + data.position()).order(ByteOrder.LITTLE_ENDIAN);
        all.putLong(h.length).put(h).put(data.array(), 0, data.position());
        Path f = Files.write(dir.resolve("ref.safetensors"), all.array());
        Parameters q = Parameters.allocate(Presets.tinyMlp());
        Checkpoint.load(f, q);
        assertSame(p, q);
    }

    @Test void unknownTensorsAreAnErrorUnlessLenient() throws IOException {
        Parameters p = Parameters.initialized(Presets.tinyMlp(), 3);
        var m = tensorsOf(p, "");
        m.put("model.inner.extra.weight", new Safetensors.Tensor(new int[] {2}, FloatArray.fromElements(1, 2)));
        Path f = handWritten(m);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, Parameters.allocate(Presets.tinyMlp())));
        assertTrue(e.getMessage().contains("tensors the model 'tiny-mlp' does not have: model.inner.extra.weight (load leniently to ignore them)"), e.getMessage());
        Parameters q = Parameters.allocate(Presets.tinyMlp());
        Checkpoint.LoadResult r = Checkpoint.load(f, q, true);
        assertEquals(java.util.List.of("model.inner.extra.weight"), r.unknownTensors());
        assertSame(p, q);
    }

    @Test void incompleteOptimizerStateIsAnError() throws IOException {
        Parameters p = trained(Presets.tinyMlp());
        var m = tensorsOf(p, "");
        m.put("optimizer.exp_avg." + ParameterSpec.LM_HEAD, new Safetensors.Tensor(new int[] {6, 16}, p.optimizerState().expAvg(ParameterSpec.LM_HEAD)));
        Path f = handWritten(m);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, Parameters.allocate(Presets.tinyMlp())));
        assertTrue(e.getMessage().contains("missing tensor optimizer.exp_avg_sq.model.inner.lm_head.weight (expected F32 [6, 16])"), e.getMessage());
        assertTrue(e.getMessage().contains("optimizer state without \"optimizer.step\" in the metadata"), e.getMessage());
    }

    @Test void truncatedCheckpoint() throws IOException {
        Parameters p = Parameters.initialized(Presets.tinyAtt(), 3);
        Path f = dir.resolve("t.safetensors");
        Checkpoint.save(p, f, false, false);
        byte[] b = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(b, b.length - 100));
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(f, Parameters.allocate(Presets.tinyAtt())));
        assertTrue(e.getMessage().contains("run past the end of the data section"), e.getMessage());
        assertTrue(e.getMessage().contains("file truncated?"), e.getMessage());
    }

    @Test void saveWithoutStateIsAnError() {
        Parameters p = Parameters.initialized(Presets.tinyAtt(), 3);
        assertThrows(IllegalStateException.class, () -> Checkpoint.save(p, dir.resolve("x"), true, false));
        assertThrows(IllegalStateException.class, () -> Checkpoint.save(p, dir.resolve("x"), false, true));
    }
}
