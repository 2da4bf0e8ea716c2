package org.trm4j.model.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.cli.TrmRun;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.Safetensors;
import org.trm4j.model.TensorSpec;
import org.trm4j.model.TrmConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `trm model ...` with bad input: one line naming the problem, a non-zero exit, nothing allocated or written. */
class ModelCliTest {

    private static String refused(String... args) { return TrmRun.refusal(args); }

    @Test void stepBenchBatchesThatDoNotFitAreRefusedWithWhatFits() {
        String big = refused("model", "step-bench", "--preset", "sudoku-mlp", "--batch", "5000");
        assertTrue(big.contains("--batch 5000") && big.matches(".*at most --batch \\d+ fits.*"), big);
        assertTrue(refused("model", "step-bench", "--preset", "tiny-mlp", "--batch", "30000").contains("at most --batch"));
        assertTrue(refused("model", "step-bench", "--batch", "0").contains("--batch"));
        assertTrue(refused("model", "step-bench", "--device", "foo").contains("\"foo\""));
        assertTrue(refused("model", "step-bench", "--preset", "nope").contains("nope"));
    }

    @Test void infoOfAMissingFileOrADirectoryNamesIt(@TempDir Path tmp) {
        assertTrue(refused("model", "info", "--checkpoint", tmp.resolve("none.safetensors").toString()).contains("not found"));
        String dir = refused("model", "info", "--checkpoint", tmp.toString());
        assertTrue(dir.contains(tmp.toString()) && dir.contains("directory"), dir);
    }

    /** A checkpoint of {@code tensorsOf}'s tensors whose metadata claims {@code claimed}. */
    private static Path checkpoint(Path file, TrmConfig tensorsOf, String claimedJson, String transposed) throws Exception {
        Parameters p = Parameters.initialized(tensorsOf, 1);
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        for (TensorSpec t : p.spec().tensors()) {
            int[] shape = t.shape().clone();
            if (t.name().equals(transposed)) { int s0 = shape[0]; shape[0] = shape[1]; shape[1] = s0; }
            tensors.put(t.name(), new Safetensors.Tensor(shape, p.get(t.name())));
        }
        Safetensors.write(file, tensors, Map.of("config", claimedJson));
        return file;
    }

    @Test void infoChecksEveryTensorAgainstTheConfigItClaims(@TempDir Path tmp) throws Exception {
        TrmConfig tiny = Presets.get("tiny-mlp");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        Path good = tmp.resolve("good.safetensors");
        Checkpoint.save(Parameters.initialized(tiny, 1), good, false, false);
        TrmConfig wide = tiny.toBuilder().hiddenSize(512).build();
        Path lies = checkpoint(tmp.resolve("wide.safetensors"), tiny, json.writeValueAsString(wide), null);
        String wrongD = refused("model", "info", "--checkpoint", lies.toString());
        assertTrue(wrongD.contains("shape") && wrongD.contains("512"), wrongD);
        Path transposed = checkpoint(tmp.resolve("t.safetensors"), tiny, json.writeValueAsString(tiny), ParameterSpec.LM_HEAD);
        String t = refused("model", "info", "--checkpoint", transposed.toString());
        assertTrue(t.contains(ParameterSpec.LM_HEAD) && t.contains("shape"), t);
        Path badJson = checkpoint(tmp.resolve("j.safetensors"), tiny, "{\"name\": ", null);
        assertTrue(refused("model", "info", "--checkpoint", badJson.toString()).contains("not a valid TRM config"));
        TrmRun ok = TrmRun.of("model", "info", "--checkpoint", good.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(Files.size(good) > 0);
    }
}
