package org.trm4j.model.graph;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.FloatArray;
import org.trm4j.kernels.Losses;
import org.trm4j.model.ParameterSpec;
import org.trm4j.model.Parameters;
import org.trm4j.model.TrmConfig;

/**
 * Fixtures of the step-graph tests: devices, parameters that exercise every gradient path, batches, and the
 * float32-vs-float64 comparison.
 *
 * <p>Comparison ({@link #compare}): element i passes when |got_i - want_i| <= {@value #REL} * max(|want_i|, floor),
 * floor = {@value #FLOOR} x max_j |want_j| of the same tensor. So elements within 10% of the tensor's largest
 * magnitude are held to 1e-4 relative error, and smaller ones (typically gradient elements that nearly cancel, whose
 * float32 rounding is set by the magnitude of the terms summed, i.e. the tensor's scale, not by their own size) to
 * 1e-5 x the tensor's scale in absolute error. Measured float32 errors against the scale: 2-8e-6 after the 12 block
 * applications and their backward of one tiny step.
 */
final class GraphFixtures {
    private GraphFixtures() {}

    static final String JAVA = "java";
    static final String OPENCL = "opencl:0:0";
    static final double REL = 1e-4;
    static final double FLOOR = 1e-1;

    static Device device(String id) {
        try {
            return Devices.get(id);
        } catch (IllegalArgumentException e) {
            fail("device " + id + " is required by the step-graph tests: " + e.getMessage());
            return null;
        }
    }

    /**
     * The model's own initialisation, then a random q_head (weight std 0.05, halt bias +3, so q_halt > 0 and
     * every slot wants to halt: min_halt_steps decides) and a random puzzle embedding (std 1), so every path
     * carries gradient (the reference initialisation zeroes both).
     */
    static Parameters params(TrmConfig c, long seed) {
        Parameters p = Parameters.initialized(c, seed);
        Random r = new Random(seed);
        FloatArray qw = p.get(ParameterSpec.Q_HEAD_WEIGHT);
        for (int i = 0; i < qw.getSize(); i++) qw.set(i, (float) (0.05 * r.nextGaussian()));
        p.get(ParameterSpec.Q_HEAD_BIAS).set(0, 3.0f);
        p.get(ParameterSpec.Q_HEAD_BIAS).set(1, -1.0f);
        if (c.hasPuzzleEmb()) {
            FloatArray pe = p.get(ParameterSpec.PUZZLE_EMB);
            for (int i = 0; i < pe.getSize(); i++) pe.set(i, (float) r.nextGaussian());
        }
        return p;
    }

    /** Random tokens, labels (1 in 5 ignored), puzzle ids. */
    static Batch batch(TrmConfig c, int bsz, long seed) {
        Random r = new Random(seed);
        int n = bsz * c.seqLen();
        int[] in = new int[n], lab = new int[n], ids = new int[bsz];
        for (int i = 0; i < n; i++) {
            in[i] = r.nextInt(c.vocabSize());
            lab[i] = r.nextInt(5) == 0 ? Losses.IGNORE : r.nextInt(c.vocabSize());
        }
        for (int b = 0; b < bsz; b++) ids[b] = r.nextInt(c.numPuzzleIdentifiers());
        return new Batch(in, lab, ids);
    }

    static org.trm4j.model.reference.TrmReference.Batch toRef(Batch b) {
        return new org.trm4j.model.reference.TrmReference.Batch(b.size(), b.inputs(), b.labels(), b.puzzleIds());
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }

    /** Worst |got - want| / max(|want|, FLOOR * max|want|) of one tensor. */
    static double error(double[] got, double[] want) { return error(got, want, FLOOR); }

    static double error(double[] got, double[] want, double floorFraction) {
        if (got.length != want.length) throw new AssertionError("length " + got.length + " vs " + want.length);
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        double floor = Math.max(floorFraction * scale, 1e-30);
        double worst = 0;
        for (int i = 0; i < got.length; i++) {
            double e = Math.abs(got[i] - want[i]) / Math.max(Math.abs(want[i]), floor);
            if (!(e <= worst)) worst = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        }
        return worst;
    }

    /** Collects the errors of many tensors; {@link #check()} fails listing every one above {@link #REL}. */
    static final class Report {
        final String title;
        final List<String> lines = new ArrayList<>(), bad = new ArrayList<>();
        final List<Map.Entry<Double, String>> ranked = new ArrayList<>();
        double worst;

        Report(String title) { this.title = title; }

        void compare(String what, float[] got, double[] want) { compare(what, toDouble(got), want); }

        void compare(String what, double[] got, double[] want) {
            double e = error(got, want);
            worst = Math.max(worst, e);
            String line = String.format("%-70s %.3e   (floor 1%%: %.3e, vs scale: %.3e)", what, e, error(got, want, 0.01), error(got, want, 1.0));
            lines.add(line);
            ranked.add(Map.entry(Double.isNaN(e) ? Double.POSITIVE_INFINITY : e, line));
            if (!(e <= REL)) bad.add(line);
        }

        void compareAll(String prefix, Map<String, float[]> got, Map<String, double[]> want) {
            for (var e : got.entrySet()) {
                double[] w = want.get(e.getKey());
                if (w == null) throw new AssertionError("reference has no " + e.getKey());
                compare(prefix + e.getKey(), e.getValue(), w);
            }
        }

        void check() {
            System.out.println(title + ": worst relative error " + String.format("%.3e", worst) + " over " + lines.size() + " tensors; worst five:");
            ranked.stream().sorted((a, b) -> Double.compare(b.getKey(), a.getKey())).limit(5)
                    .forEach(l -> System.out.println("  " + l.getValue()));
            if (!bad.isEmpty()) fail(title + ": " + bad.size() + " tensors beyond " + REL + ":\n  " + String.join("\n  ", bad)
                    + "\nall:\n  " + String.join("\n  ", lines));
        }
    }
}
