package org.trm4j.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.model.ReferenceConfig;
import org.trm4j.model.Safetensors;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.InferenceResult;

/**
 * Writes every supervision step of an inference run with the names and layouts of the reference oracle's
 * {@code forward} output, for {@code oracle.py compare}: {@code logits_step{k}} [B, L, V] F32,
 * {@code q_halt_step{k}} [B] F32, {@code q_continue_step{k}} [B] F32, {@code preds_step{k}} [B, L] I32, k = 1..steps.
 */
public final class StepOutputs {
    private StepOutputs() {}

    /** Writes {@code r} (run with per-step logits) for batch {@code batch} of config {@code c} to {@code out}, atomically. */
    public static void write(Path out, InferenceResult r, TrmConfig c, int batch) throws IOException {
        if (r.logits() == null) throw new IllegalArgumentException("the inference run has no per-step logits");
        int l = c.seqLen(), v = c.vocabSize();
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        for (int k = 1; k <= r.steps(); k++) {
            t.put("logits_step" + k, new Safetensors.Tensor(new int[] {batch, l, v}, FloatArray.fromArray(r.logits()[k - 1])));
            t.put("q_halt_step" + k, new Safetensors.Tensor(new int[] {batch}, FloatArray.fromArray(r.qHalt()[k - 1])));
            t.put("q_continue_step" + k, new Safetensors.Tensor(new int[] {batch}, FloatArray.fromArray(r.qContinue()[k - 1])));
            t.put("preds_step" + k, new Safetensors.Tensor(new int[] {batch, l}, IntArray.fromArray(r.predictions()[k - 1])));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "trm4j-step-outputs");
        meta.put(ReferenceConfig.META_KEY, ReferenceConfig.toJson(c));
        meta.put("steps", Integer.toString(r.steps()));
        Safetensors.write(out, t, meta);
    }
}
