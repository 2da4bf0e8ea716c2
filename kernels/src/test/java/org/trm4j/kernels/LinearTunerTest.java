package org.trm4j.kernels;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The tuner picks the fastest measured candidate, remembers it on disk, and measures nothing when off or for tiny shapes. */
class LinearTunerTest {
    static final int ROWS = 64, IN = 256, OUT = 1536; // 2 * 64 * 256 * 1536 = 50.3 MFLOP: just above the threshold

    @TempDir Path dir;

    @Test void picksTheFastestMeasuredAndRemembersIt() throws Exception {
        Device java = Devices.get("java");
        Path file = dir.resolve("sub").resolve("autotune.json");
        AutotuneCache cache = new AutotuneCache(file, true);
        LinearTuner tuner = LinearTuner.of(java, cache);
        LinearVariant v = tuner.choose(LinearVariant.Op.BACKWARD_WEIGHT, ROWS, IN, OUT);
        assertTrue(Files.isRegularFile(file), "cache written");
        String json = Files.readString(file);
        String key = tuner.key(LinearVariant.Op.BACKWARD_WEIGHT, ROWS, IN, OUT);
        assertTrue(json.contains(key), json);
        assertFalse(json.contains("Tiled"), "no emulated KernelContext candidate on the JVM: " + json);

        AutotuneCache reread = new AutotuneCache(file, true);
        assertEquals(v.name(), reread.get(key), "the choice survives a new process");
        // The choice is the maximum of the measured figures (kept in the file next to it).
        Map<?, ?> entry = (Map<?, ?>) new com.fasterxml.jackson.databind.ObjectMapper().readValue(file.toFile(), Map.class).get(key);
        Map<?, ?> gflops = (Map<?, ?>) entry.get("gflops");
        double best = gflops.values().stream().mapToDouble(o -> ((Number) o).doubleValue()).max().orElseThrow();
        assertEquals(best, ((Number) gflops.get(v.name())).doubleValue(), 0.0, "chose " + v + " among " + gflops);
        assertEquals(LinearVariant.all(LinearVariant.Op.BACKWARD_WEIGHT).size() - 1, gflops.size(), "every candidate but the tiled one timed");
        assertEquals(v, LinearTuner.of(java, reread).choose(LinearVariant.Op.BACKWARD_WEIGHT, ROWS, IN, OUT));
    }

    @Test void anEntryWithoutANewCandidateIsMeasuredAgain() {
        Device java = Devices.get("java");
        Path file = dir.resolve("autotune.json");
        AutotuneCache cache = new AutotuneCache(file, true);
        LinearTuner tuner = LinearTuner.of(java, cache);
        String key = tuner.key(LinearVariant.Op.FORWARD, ROWS, IN, OUT);
        cache.put(key, "forward", Map.of("forward", 1.0)); // as an older trm4j wrote it, before the other kernels
        tuner.choose(LinearVariant.Op.FORWARD, ROWS, IN, OUT);
        assertTrue(cache.measured(key).containsAll(tuner.candidates(LinearVariant.Op.FORWARD).stream().map(LinearVariant::name).toList()),
                "every current candidate measured: " + cache.measured(key));
        String chosen = cache.get(key);
        tuner.choose(LinearVariant.Op.FORWARD, ROWS, IN, OUT);
        assertEquals(chosen, cache.get(key), "a complete entry is kept");
    }

    @Test void offAndTinyShapesMeasureNothing() {
        Device java = Devices.get("java");
        Path file = dir.resolve("autotune.json");
        LinearTuner off = LinearTuner.of(java, new AutotuneCache(file, false));
        assertEquals(LinearTuner.fallback(java, LinearVariant.Op.FORWARD), off.choose(LinearVariant.Op.FORWARD, ROWS, IN, OUT));
        LinearTuner on = LinearTuner.of(java, new AutotuneCache(file, true));
        assertEquals(LinearTuner.fallback(java, LinearVariant.Op.BACKWARD_INPUT), on.choose(LinearVariant.Op.BACKWARD_INPUT, 8, 16, 32));
        assertFalse(Files.exists(file), "nothing measured, nothing written");
        // With tuning off, a large product on a CPU our JIT compiles for takes the stripes (same sums), java the plain kernels.
        for (String id : new String[]{"opencl:0:0", "vector"}) {
            LinearTuner cpuOff = LinearTuner.of(Devices.get(id), new AutotuneCache(file, false));
            assertEquals("backwardWeightStripe512", cpuOff.choose(LinearVariant.Op.BACKWARD_WEIGHT, ROWS, IN, OUT).name(), id);
            assertEquals("forward", cpuOff.choose(LinearVariant.Op.FORWARD, 8, 16, 32).name(), id + ", a tiny product");
        }
        assertFalse(Files.exists(file), "nothing measured, nothing written");
    }

    @Test void unreadableCacheIsIgnored() throws Exception {
        Path file = dir.resolve("autotune.json");
        Files.writeString(file, "{ not json");
        AutotuneCache cache = new AutotuneCache(file, true);
        assertNull(cache.get("anything"));
        cache.put("k", "forward", Map.of("forward", 1.0));
        assertEquals("forward", new AutotuneCache(file, true).get("k"), "replaced by a valid file on the next write");
    }
}
