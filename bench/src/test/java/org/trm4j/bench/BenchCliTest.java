package org.trm4j.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.trm4j.cli.TrmRun;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `trm bench` as a careless user meets it: bad input is one line and a non-zero exit before anything runs; --help works. */
class BenchCliTest {

    private static String refused(String... args) { return TrmRun.refusal(args); }

    @Test void unknownDevicesAreNamed() {
        String line = refused("bench", "--device", "foo");
        assertTrue(line.contains("\"foo\"") && line.contains("java"), line);
    }

    @Test void sizesThatCannotFitAreRefusedBeforeAllocating() {
        assertTrue(refused("bench", "--copy-mib", "100000").contains("at most"));
        assertTrue(refused("bench", "--copy-mib", "0").contains("--copy-mib"));
        assertTrue(refused("bench", "--launches", "3").contains("--launches"));
        String line = refused("bench", "--suite", "train", "--preset", "sudoku-mlp", "--batch", "100000000", "--no-pytorch");
        assertTrue(line.contains("--batch 100000000") && line.contains("at most --batch"), line);
    }

    @Test void badOptionsAndValuesAreOneLine() {
        assertTrue(refused("bench", "--nope").contains("Unknown option"));
        assertTrue(refused("bench", "--launches", "many").contains("many"));
        assertTrue(refused("bench", "--suite", "everything").contains("everything"));
        assertTrue(refused("bench", "--suite", "train", "--preset", "no-such-preset").contains("no-such-preset"));
        assertTrue(refused("bench", "--quick", "--full").contains("--full"));
        assertTrue(refused("bench", "--suite", "infer", "--preset", "tiny-mlp", "--infer-steps", "99", "--no-pytorch").contains("--infer-steps"));
        assertTrue(refused("bench", "--steps", "0").contains("--steps"));
    }

    @ParameterizedTest @ValueSource(strings = {"bench"})
    void helpWorks(String command) {
        List<String> args = new ArrayList<>(List.of(command, "--help"));
        TrmRun r = TrmRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: trm " + command), r.out());
        assertTrue(r.out().contains("--full") && r.out().contains("--quick") && r.out().contains("--out"), r.out());
        TrmRun viaHelp = TrmRun.of("help", command);
        assertEquals(0, viaHelp.exit(), viaHelp.err());
        assertTrue(viaHelp.out().startsWith("Usage: trm " + command), viaHelp.out());
    }
}
