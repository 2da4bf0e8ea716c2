package org.trm4j.kernels.cli;

import org.junit.jupiter.api.Test;
import org.trm4j.cli.TrmRun;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `trm linear-bench` with bad input: one line naming the problem, a non-zero exit, nothing run. */
class LinearBenchCliTest {

    private static String refused(String... args) { return TrmRun.refusal(args); }

    @Test void badShapesAndDevices() {
        assertTrue(refused("linear-bench", "--shapes", "100000x100000x100").contains("10,000,000,000 elements"));
        assertTrue(refused("linear-bench", "--shapes", "0x8x8").contains("rows"));
        assertTrue(refused("linear-bench", "--shapes", "axbxc").contains("\"a\" is not a whole number"));
        assertTrue(refused("linear-bench", "--shapes", "8x8").contains("ROWSxINxOUT"));
        assertTrue(refused("linear-bench", "--device", "java,foo").contains("\"foo\""));
        assertTrue(refused("linear-bench", "--reps", "0").contains("--reps"));
    }

    @Test void theTableNamesItsUnits() {
        TrmRun r = TrmRun.of("linear-bench", "--shapes", "8x16x8", "--device", "java", "--reps", "1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("plain GFLOP/s") && r.out().contains("tiled GFLOP/s"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("8x16x8") && l.contains("java") && l.contains("forward")), r.out());
    }
}
