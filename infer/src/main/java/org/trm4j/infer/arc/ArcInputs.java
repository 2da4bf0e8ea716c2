package org.trm4j.infer.arc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.trm4j.train.data.ArcFiles;
import org.trm4j.train.data.ArcTask;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** ARC task files: the Kaggle layout (task id -> task, solutions beside) or one task ({"train", "test"}, id = file stem). */
public final class ArcInputs {
    private ArcInputs() {}

    /** True when {@code f} looks like ARC JSON (by its name). */
    public static boolean isArcJson(Path f) { return f.getFileName().toString().endsWith(".json"); }

    /** The tasks of {@code f}, with the test outputs of {@code x_solutions.json} beside {@code x_challenges.json} or of a one-task file. */
    public static List<ArcTask> read(Path f) throws IOException {
        if (!Files.isRegularFile(f)) throw new IOException(f + ": no such file");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(f.toFile());
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            return ArcFiles.read(f, null);   // its message names the line and column
        }
        if (root != null && root.isObject() && root.has("train") && root.has("test")) {
            // One task: wrap it as {stem: task} (and its test outputs, when present, as the solutions).
            String id = f.getFileName().toString().replaceFirst("\\.json$", "");
            ObjectMapper om = new ObjectMapper();
            Path dir = Files.createTempDirectory("trm-arc-");
            try {
                Path ch = dir.resolve("task_challenges.json");
                om.writeValue(ch.toFile(), om.createObjectNode().set(id, root));
                Path sol = null;
                JsonNode test = root.get("test");
                boolean solved = test.isArray() && test.size() > 0;
                if (solved) for (JsonNode t : test) solved &= t.has("output");
                if (solved) {
                    sol = dir.resolve("task_solutions.json");
                    var outs = om.createArrayNode();
                    for (JsonNode t : test) outs.add(t.get("output"));
                    om.writeValue(sol.toFile(), om.createObjectNode().set(id, outs));
                }
                try {
                    return ArcFiles.read(ch, sol);
                } catch (IOException e) {
                    throw new IOException(e.getMessage().replace(ch.toString(), f.toString()).replace(String.valueOf(sol), f.toString()), e);
                }
            } finally {
                try (var s = Files.list(dir)) {
                    for (Path p : s.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            }
        }
        return ArcFiles.read(f, ArcFiles.solutionsBeside(f));
    }
}
