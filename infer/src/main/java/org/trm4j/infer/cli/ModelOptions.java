package org.trm4j.infer.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.infer.LoadedModel;

import picocli.CommandLine.Option;

/** The options that say which model to run where: checkpoint, config, device (a picocli mixin). */
public final class ModelOptions {
    @Option(names = "--checkpoint", required = true, paramLabel = "FILE",
            description = "The model: a trm4j or reference-oracle .safetensors checkpoint, or the reference's torch.save .pt state dict.")
    Path checkpoint;

    @Option(names = "--config", paramLabel = "CFG",
            description = "The reference-named model config (JSON/YAML, e.g. a run's all_config.yaml: its arch section), the same as trm train --config takes; fields it lacks come from the checkpoint's shapes. Default: the config saved in the checkpoint.")
    Path config;

    @Option(names = "--preset", paramLabel = "NAME", description = "Use a trm4j preset's config instead (trm model presets).")
    String preset;

    @Option(names = "--device", paramLabel = "ID", description = "Device id (trm devices); default: -Dtrm.device / TRM_DEVICE, else the first non-JVM device.")
    String device;

    /** Opens the checkpoint (user errors as one-line IllegalArgumentExceptions). */
    public LoadedModel open() {
        if (config != null && preset != null) throw new IllegalArgumentException("give --config or --preset, not both");
        try {
            return LoadedModel.open(checkpoint, config, preset);
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public Device device() {
        return device == null ? Devices.defaultDevice() : Devices.get(device);
    }
}
