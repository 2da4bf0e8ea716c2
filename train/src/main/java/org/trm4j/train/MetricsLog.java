package org.trm4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * RUN_DIR/metrics.jsonl: one JSON object per line, {@code "kind": "train"} per step and {@code "kind": "eval"} per
 * evaluation, appended (a resumed run continues the file; lines past the resumed step are dropped first, so the
 * file describes one uninterrupted run).
 */
public final class MetricsLog implements TrainerOutput, AutoCloseable {
    public static final String FILE = "metrics.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    /** Opens RUN_DIR/metrics.jsonl, keeping the lines of steps up to {@code keepUpToStep} (0 = a new file). */
    public MetricsLog(Path runDir, long keepUpToStep) throws IOException {
        Path f = runDir.resolve(FILE);
        List<String> keep = new ArrayList<>();
        if (keepUpToStep > 0 && Files.exists(f))
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                JsonNode n = parse(line);
                if (n != null && n.path("step").asLong(Long.MAX_VALUE) <= keepUpToStep) keep.add(line);
            }
        Files.write(f, keep, StandardCharsets.UTF_8);
        out = Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override public void step(StepReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "train");
        m.put("step", r.step());
        m.put("lr", r.lr());
        m.put("loss", r.loss());
        m.put("lm_loss", r.lmLoss());
        m.put("q_halt_loss", r.qHaltLoss());
        m.put("count", r.halted());
        m.put("accuracy", r.accuracy());
        m.put("exact_accuracy", r.exactAccuracy());
        m.put("q_halt_accuracy", r.qHaltAccuracy());
        m.put("steps", r.meanSteps());
        m.put("step_seconds", r.stepSeconds());
        m.put("puzzles_per_second", r.puzzlesPerSecond());
        m.put("elapsed_seconds", r.elapsedSeconds());
        write(m);
    }

    @Override public void evaluation(long step, Evaluator.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "eval");
        m.put("step", step);
        m.put("examples", r.examples());
        m.put("accuracy", r.tokenAccuracy());
        m.put("exact_accuracy", r.exactAccuracy());
        m.put("q_halt_accuracy", r.qHaltAccuracy());
        m.put("mean_halt_step", r.meanHaltStep());
        m.put("seconds", r.seconds());
        write(m);
    }

    private void write(Map<String, Object> m) {
        try {
            out.write(JSON.writeValueAsString(m));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + FILE + ": " + e.getMessage(), e);
        }
    }

    /** Every line of RUN_DIR/metrics.jsonl (unparseable lines skipped). */
    public static List<JsonNode> read(Path runDir) throws IOException {
        List<JsonNode> l = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(FILE), StandardCharsets.UTF_8)) {
            JsonNode n = parse(line);
            if (n != null) l.add(n);
        }
        return l;
    }

    private static JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    @Override public void close() throws IOException { out.close(); }
}
