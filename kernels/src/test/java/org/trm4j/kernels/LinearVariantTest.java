package org.trm4j.kernels;

import org.junit.jupiter.api.Test;
import org.trm4j.api.DataTransferMode;
import org.trm4j.api.Device;
import org.trm4j.api.Devices;
import org.trm4j.api.ExecutionPlan;
import org.trm4j.api.FloatArray;
import org.trm4j.api.GridScheduler;
import org.trm4j.api.TaskGraph;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.trm4j.kernels.KernelCheck.*;

/**
 * Every {@link LinearVariant} (plain, Rows4, tiled, panels and stripes of every width) of every op, on java, opencl:0:0,
 * spirv:0:0 and vector, at ragged shapes (rows not a multiple of 4 or 16, panel widths wider and narrower than the output, a
 * reduction not a multiple of 4, reductions longer than the stripes' chunk in every op): against a float64 reference, and bit for bit against the plain kernel on the
 * same device where the kernels sum in the same way (see LinearPanel's comment).
 */
class LinearVariantTest {
    static final String[] DEVICES = {JAVA, OPENCL, "spirv:0:0", VECTOR};
    static final int[][] SHAPES = {{37, 29, 23}, {130, 67, 70}, {5, 300, 9}, {150, 20, 261}};

    @Test void forwardVariants() { check(LinearVariant.Op.FORWARD, false); }

    @Test void backwardInputVariants() { check(LinearVariant.Op.BACKWARD_INPUT, false); }

    @Test void backwardInputVariantsAccumulating() { check(LinearVariant.Op.BACKWARD_INPUT, true); }

    @Test void backwardWeightVariants() { check(LinearVariant.Op.BACKWARD_WEIGHT, true); }

    @Test void transposeIsExact() {
        Random rnd = new Random(5);
        double[] w = randn(rnd, 23 * 29, 1);
        Object[] o = run("LinearPanel.transpose", fn(LinearPanel::transpose), floats(w), nans(23 * 29), 29, 23);
        double[] t = d(o, 1);
        for (int ou = 0; ou < 23; ou++)
            for (int i = 0; i < 29; i++) assertEquals((float) w[ou * 29 + i], t[i * 23 + ou], 0.0, "wT[" + i + ", " + ou + "]");
    }

    @Test void forwardStripeSwiGluIsTheStripeThenSwiGlu() {
        int rows = 37, in = 150, inter = 70, out = 2 * inter; // ragged stripes, a reduction over two chunks
        Random rnd = new Random(11);
        double[] x = randn(rnd, rows * in, 1), wT = transpose(randn(rnd, out * in, 0.3), out, in);
        for (String dev : DEVICES) {
            Object[] gu = runOn(dev, fn(LinearPanel::forwardStripe), null, floats(x), floats(wT), nans(rows * out), rows, in, out, 512,
                    LinearPanel.stripes(rows, out, 512));
            Object[] h = runOn(dev, fn(SwiGlu::forward), null, f(gu, 2), nans(rows * inter), rows, inter, inter);
            for (int width : new int[]{3, 64, 512}) {
                Object[] fused = runOn(dev, fn(LinearPanel::forwardStripeSwiGlu), null, floats(x), floats(wT), nans(rows * out),
                        nans(rows * inter), rows, in, inter, width, LinearPanel.stripes(rows, inter, width));
                bitEqual("forwardStripeSwiGlu gu (width " + width + ") on " + dev, d(gu, 2), d(fused, 2));
                bitEqual("forwardStripeSwiGlu h (width " + width + ") on " + dev, d(h, 1), d(fused, 3));
            }
        }
        run("LinearPanel.forwardStripeSwiGlu", TRANSC, fn(LinearPanel::forwardStripeSwiGlu), null, floats(x), floats(wT), nans(rows * out),
                nans(rows * inter), rows, in, inter, 64, LinearPanel.stripes(rows, inter, 64));
    }

    void check(LinearVariant.Op op, boolean accumulate) {
        for (int[] s : SHAPES) {
            int rows = s[0], in = s[1], out = s[2];
            Random rnd = new Random(rows * 31 + in);
            double[] a = randn(rnd, op == LinearVariant.Op.FORWARD ? rows * in : rows * out, 1);
            double[] b = randn(rnd, op == LinearVariant.Op.BACKWARD_WEIGHT ? rows * in : out * in, 1);
            int cLen = switch (op) { case FORWARD -> rows * out; case BACKWARD_INPUT -> rows * in; case BACKWARD_WEIGHT -> out * in; };
            double[] c0 = accumulate ? randn(rnd, cLen, 1) : new double[cLen];
            double[] want = reference(op, a, b, c0, rows, in, out);
            for (String dev : DEVICES) {
                double[] plain = null;
                for (LinearVariant v : LinearVariant.all(op)) {
                    String what = v.name() + " " + rows + "x" + in + "x" + out + (accumulate ? " (accumulate)" : "") + " on " + dev;
                    double[] bb = v.transposedWeight() ? transpose(b, out, in) : b;
                    double[] got = runVariant(dev, v, a, bb, accumulate ? c0 : null, cLen, rows, in, out, accumulate);
                    close(what + " vs float64", want, got, 1e-5);
                    if (v.kind() == LinearVariant.Kind.PLAIN) plain = got;
                    else if (v.kind() == LinearVariant.Kind.PANEL || v.kind() == LinearVariant.Kind.STRIPE || v.kind() == LinearVariant.Kind.ROWS4
                            || v.kind() == LinearVariant.Kind.BLOCKED && !accumulate) bitEqual(what + " vs plain", plain, got);
                }
            }
        }
        // One entry per kernel method (for KernelCoverageTest), not per variant and shape.
        for (LinearVariant v : LinearVariant.all(op)) {
            boolean panel = v.kind() == LinearVariant.Kind.PANEL || v.kind() == LinearVariant.Kind.STRIPE;
            String kernel = (panel ? "LinearPanel." : "Linear.") + kernelMethod(v);
            synchronized (CHECKED) { if (!CHECKED.contains(kernel)) CHECKED.add(kernel); }
        }
    }

    private static String kernelMethod(LinearVariant v) {
        String base = switch (v.op()) { case FORWARD -> "forward"; case BACKWARD_INPUT -> "backwardInput"; case BACKWARD_WEIGHT -> "backwardWeight"; };
        return switch (v.kind()) {
            case PLAIN, PANEL -> base;
            case ROWS4 -> base + "Rows4";
            case BLOCKED -> base + "Blocked";
            case TILED -> base + "Tiled";
            case STRIPE -> base + "Stripe";
        };
    }

    static double[] runVariant(String deviceId, LinearVariant v, double[] a, double[] b, double[] c0, int cLen,
                               int rows, int in, int out, boolean accumulate) {
        Device dev = Devices.get(deviceId);
        FloatArray fa = floats(a), fb = floats(b), fc = c0 == null ? nans(cLen) : floats(c0);
        TaskGraph g = new TaskGraph("g").transferToDevice(DataTransferMode.EVERY_EXECUTION, fa, fb, fc);
        v.add(g, "t", fa, fb, fc, rows, in, out, accumulate);
        g.transferToHost(DataTransferMode.EVERY_EXECUTION, fc);
        try (ExecutionPlan plan = new ExecutionPlan(g.snapshot())) {
            plan.withDevice(dev);
            if (v.grid(rows, in, out) != null) plan.withGridScheduler(new GridScheduler("g.t", v.grid(rows, in, out)));
            plan.execute();
        }
        return toDouble(fc);
    }

    static double[] reference(LinearVariant.Op op, double[] a, double[] b, double[] c0, int rows, int in, int out) {
        double[] c = c0.clone();
        for (int r = 0; r < rows; r++)
            for (int i = 0; i < in; i++)
                for (int o = 0; o < out; o++) {
                    switch (op) {
                        case FORWARD -> c[r * out + o] += a[r * in + i] * b[o * in + i];
                        case BACKWARD_INPUT -> c[r * in + i] += a[r * out + o] * b[o * in + i];
                        case BACKWARD_WEIGHT -> c[o * in + i] += a[r * out + o] * b[r * in + i];
                    }
                }
        return c;
    }

    static double[] transpose(double[] w, int out, int in) {
        double[] t = new double[w.length];
        for (int o = 0; o < out; o++) for (int i = 0; i < in; i++) t[i * out + o] = w[o * in + i];
        return t;
    }

    static void bitEqual(String what, double[] e, double[] a) {
        if (e == null) fail(what + ": the plain kernel did not run first");
        for (int i = 0; i < e.length; i++)
            if (Float.floatToIntBits((float) e[i]) != Float.floatToIntBits((float) a[i]))
                fail(what + "[" + i + "]: " + (float) e[i] + " vs " + (float) a[i]);
    }
}
