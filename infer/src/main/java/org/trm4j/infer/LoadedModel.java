package org.trm4j.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.trm4j.infer.torch.TorchStateDict;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Parameters;
import org.trm4j.model.Presets;
import org.trm4j.model.ReferenceConfig;
import org.trm4j.model.Safetensors;
import org.trm4j.model.TrmConfig;

/**
 * A model opened for inference from a checkpoint: a trm4j or oracle safetensors file, or the reference's
 * {@code torch.save} state dict (.pt, read by {@link TorchStateDict}). The config comes from, in this order, a
 * reference-named config file ({@code --config}, {@link ReferenceConfig}), a preset, or the checkpoint's own
 * metadata; missing fields are completed from the tensor shapes. When the checkpoint holds EMA weights, those
 * are the ones used (the reference evaluates its EMA copy).
 *
 * @param params   the weights used for inference
 * @param source   the checkpoint file
 * @param usesEma  true when {@code params} are the checkpoint's EMA weights
 */
public record LoadedModel(Parameters params, Path source, boolean usesEma) {

    public TrmConfig config() { return params.config(); }

    /** Opens {@code checkpoint}; {@code configFile} and {@code preset} may be null. */
    public static LoadedModel open(Path checkpoint, Path configFile, String preset) throws IOException {
        if (!Files.isRegularFile(checkpoint)) throw new IOException("checkpoint " + checkpoint + " does not exist");
        Path st = checkpoint;
        Path temp = null;
        try {
            if (TorchStateDict.looksLikeTorchZip(checkpoint)) {
                Map<String, Safetensors.Tensor> tensors = TorchStateDict.read(checkpoint);
                temp = Files.createTempFile("trm-pt-", ".safetensors");
                Safetensors.write(temp, tensors, Map.of());
                st = temp;
            }
            TrmConfig c = config(checkpoint, st, configFile, preset);
            Parameters p = Parameters.allocate(c);
            Checkpoint.LoadResult r;
            try {
                r = Checkpoint.load(st, p, true);   // lenient: the reference's and the oracle's files carry optimizer/metrics tensors
            } catch (IOException e) {
                throw new IOException(e.getMessage().replace(st.toString(), checkpoint.toString()), e);
            }
            return r.emaLoaded() ? new LoadedModel(p.emaCopy(), checkpoint, true) : new LoadedModel(p, checkpoint, false);
        } finally {
            if (temp != null) Files.deleteIfExists(temp);
        }
    }

    private static TrmConfig config(Path checkpoint, Path st, Path configFile, String preset) throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>(ReferenceConfig.shapesOf(st));
        if (configFile != null) return ReferenceConfig.read(configFile, shapes, Map.of()).config();
        if (preset != null) {
            try {
                return Presets.get(preset);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        var saved = Checkpoint.readConfig(st);
        if (saved.isPresent()) return saved.get();
        throw new IOException(checkpoint + " carries no config: give the reference's config with --config CFG (its all_config.yaml or arch yaml), or --preset");
    }
}
