package org.trm4j.bench;

import org.junit.jupiter.api.Test;
import org.trm4j.cli.TrmRun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `trm step-check` on PoCL: the OpenCL step graph agrees with java within the stated tolerances. */
class StepCheckTest {

    @Test void openClAgreesWithJava() {
        TrmRun r = TrmRun.of("step-check", "--device", "opencl:0:0", "--presets", "tiny-mlp", "--steps", "1", "--batch", "2");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("step-check: all passed"), r.out());
        assertTrue(r.out().contains("step 1 token logits") && r.out().contains("inference predictions") && r.out().contains("non-finite logits"), r.out());
    }

    /** A check that passes anything is no check: a reference with one logit moved must fail that line and only it. */
    @Test void aWrongLogitIsCaught() {
        var c = org.trm4j.model.Presets.tinyMlp();
        var java = org.trm4j.api.Devices.get("java");
        StepCheck.Outcome ref = StepCheck.outcome(c, 2, 1, java);
        ref.stepLogits()[5] += 0.5f;
        var lines = StepCheck.compare(c, 2, 1, java, ref);
        assertEquals(1, lines.stream().filter(l -> !l.ok()).count(), lines.toString());
        assertTrue(lines.stream().filter(l -> !l.ok()).allMatch(l -> l.what().startsWith("step 1 token logits")), lines.toString());
    }

    /** A difference over the allowance is a failure, NaN included. */
    @Test void linesJudge() {
        assertTrue(new StepCheck.Line("x", 1e-5, StepCheck.PARAM_TOL_PER_STEP).ok());
        assertFalse(new StepCheck.Line("x", 1e-2, StepCheck.PARAM_TOL_PER_STEP).ok());
        assertFalse(new StepCheck.Line("x", Double.NaN, 1).ok());
    }

    @Test void javaAloneIsRefusedInOneLine() {
        TrmRun r = TrmRun.of("step-check", "--device", "java");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("non-java"), r.err());
    }
}
