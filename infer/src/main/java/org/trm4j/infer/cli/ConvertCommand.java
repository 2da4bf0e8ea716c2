package org.trm4j.infer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.trm4j.infer.torch.TorchStateDict;
import org.trm4j.model.Safetensors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `trm convert IN.pt OUT.safetensors`: a PyTorch state dict (the reference's checkpoints) to safetensors. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a PyTorch torch.save state dict (.pt, zip layout; float32, bfloat16, float16) to float32 safetensors.",
                "The file is read by a restricted unpickler that knows only what a state dict needs: it runs no code.",
                "The torch.compile prefix _orig_mod. is dropped. trm solve/eval also take the .pt file directly."})
public final class ConvertCommand implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN.pt", description = "The torch.save file.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT.safetensors", description = "The safetensors file to write (atomically).")
    Path out;

    @Override public void run() {
        try {
            Map<String, Safetensors.Tensor> tensors = TorchStateDict.read(in);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("converted_from", in.getFileName().toString());
            Safetensors.write(out, tensors, meta);
            PrintWriter w = spec.commandLine().getOut();
            long n = tensors.values().stream().mapToLong(t -> t.data().getSize()).sum();
            w.printf(Locale.ROOT, "%s: %d tensors, %,d values, written as float32 to %s%n", in, tensors.size(), n, out);
            w.flush();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
