package org.trm4j.kernels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tuner's memory on disk: {@code ~/.cache/trm4j/autotune.json}, one entry per key (device id and name, op,
 * shape) with the chosen kernel and the GFLOP/s measured for every candidate, e.g.
 * <pre>{"opencl:0:0 | cpu-skylake-avx512 | BACKWARD_WEIGHT | 776x512x1536":
 *     {"kernel": "backwardWeightPanel64", "gflops": {"backwardWeight": 38.2, ...}}}</pre>
 * Switches: {@code -Dtrm.autotune=off} (or env {@code TRM_AUTOTUNE=off}) measures nothing and uses the fallback
 * kernels; {@code =clear} deletes the file first and measures again; {@code -Dtrm.autotune.file=PATH}
 * (env {@code TRM_AUTOTUNE_FILE}) moves the file. Writes go to a temporary file renamed over the old one, after
 * re-reading it, so concurrent processes lose at most each other's newest entry. An unreadable file is ignored
 * (and replaced on the next write): the cache only saves time.
 */
public final class AutotuneCache {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static volatile AutotuneCache shared;

    private final Path file;
    private final boolean enabled;
    private final Map<String, Entry> entries = new TreeMap<>();

    /** One remembered choice. */
    public record Entry(String kernel, Map<String, Double> gflops) {}

    AutotuneCache(Path file, boolean enabled) {
        this.file = file;
        this.enabled = enabled;
        if (enabled) entries.putAll(read(file));
    }

    /** The process-wide cache, configured from the system properties / environment above. */
    public static AutotuneCache shared() {
        if (shared == null) {
            synchronized (AutotuneCache.class) {
                if (shared == null) {
                    String mode = setting("trm.autotune", "TRM_AUTOTUNE", "on").trim().toLowerCase(java.util.Locale.ROOT);
                    if (!mode.equals("on") && !mode.equals("off") && !mode.equals("clear"))
                        throw new IllegalArgumentException("trm.autotune / TRM_AUTOTUNE must be on, off or clear, got '" + mode + "'");
                    Path f = Path.of(setting("trm.autotune.file", "TRM_AUTOTUNE_FILE",
                            Path.of(System.getProperty("user.home"), ".cache", "trm4j", "autotune.json").toString()));
                    if (mode.equals("clear")) {
                        try { Files.deleteIfExists(f); } catch (IOException e) { throw new IllegalStateException("cannot clear " + f + ": " + e.getMessage(), e); }
                    }
                    shared = new AutotuneCache(f, !mode.equals("off"));
                }
            }
        }
        return shared;
    }

    private static String setting(String property, String env, String otherwise) {
        String v = System.getProperty(property);
        if (v == null) v = System.getenv(env);
        return v == null || v.isBlank() ? otherwise : v;
    }

    /** Whether tuning is on (else nothing is measured or stored). */
    public boolean enabled() { return enabled; }

    /** The file. */
    public Path file() { return file; }

    /** The remembered kernel name for {@code key}, or null. */
    public synchronized String get(String key) {
        Entry e = entries.get(key);
        return e == null ? null : e.kernel();
    }

    /** The kernels measured for {@code key} when its entry was made (empty when none). */
    public synchronized java.util.Set<String> measured(String key) {
        Entry e = entries.get(key);
        return e == null || e.gflops() == null ? java.util.Set.of() : java.util.Set.copyOf(e.gflops().keySet());
    }

    /** Remembers {@code kernel} for {@code key} and writes the file (best effort: a read-only home only costs re-measuring). */
    public synchronized void put(String key, String kernel, Map<String, Double> gflops) {
        entries.put(key, new Entry(kernel, gflops));
        if (!enabled) return;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Map<String, Entry> merged = new TreeMap<>(read(file));
            merged.putAll(entries);
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "autotune", ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), merged);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("trm4j: cannot write the autotune cache " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, Entry> read(Path file) {
        if (!Files.isRegularFile(file)) return Map.of();
        try {
            return JSON.readValue(file.toFile(), JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, Entry.class));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
