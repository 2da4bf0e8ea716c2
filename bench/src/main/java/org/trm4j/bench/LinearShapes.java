package org.trm4j.bench;

import org.trm4j.model.Presets;
import org.trm4j.model.TrmConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The matrix products of TRM's net at a given batch, as the step graph runs them (TrmNet's blocks), and the analytic
 * matmul FLOPs per example that the reference's benchmark counts (forward and training step, ref-oracle README).
 */
public final class LinearShapes {
    private LinearShapes() {}

    /** One linear layer: y[rows, out] = x[rows, in] W^T. */
    public record Shape(String layer, int rows, int in, int out) {
        public double flops() { return 2.0 * rows * in * out; }

        /** Minimal traffic of one product: x, W and y once each, float32. */
        public double bytes() { return 4.0 * ((double) rows * in + (double) out * in + (double) rows * out); }

        public String dims() { return rows + "x" + in + "x" + out; }
    }

    /** Sudoku-MLP with attention instead of the token MLP and RoPE: the reference's sudoku-att preset. */
    public static TrmConfig sudokuAtt() {
        return Presets.sudokuMlp().toBuilder().mlpT(false).posEncodings(TrmConfig.POS_ROPE).build().withName("sudoku-att");
    }

    /** The preset called {@code name}, including {@code sudoku-att}, which the model's presets leave out. */
    public static TrmConfig preset(String name) {
        return "sudoku-att".equals(name) ? sudokuAtt() : Presets.get(name);
    }

    /** The distinct linear layers of one block of {@code c}, at {@code batch}. */
    public static List<Shape> of(TrmConfig c, int batch) {
        int d = c.hiddenSize(), len = c.totalLen(), rows = batch * len;
        List<Shape> out = new ArrayList<>();
        if (c.mlpT()) {
            int inter = c.tokenInter();
            out.add(new Shape("mlp_t.gate_up", batch * d, len, 2 * inter));
            out.add(new Shape("mlp_t.down", batch * d, inter, len));
        } else {
            out.add(new Shape("attn.qkv", rows, d, 3 * d));
            out.add(new Shape("attn.o", rows, d, d));
        }
        int inter = c.channelInter();
        out.add(new Shape("mlp.gate_up", rows, d, 2 * inter));
        out.add(new Shape("mlp.down", rows, inter, d));
        return out;
    }

    /** Matmul FLOPs of one supervision step per example: {forward, training step (forward + 2x the grad cycle's)}. */
    public static double[] flopsPerExample(TrmConfig c) {
        int d = c.hiddenSize(), len = c.totalLen();
        double block = 0;
        for (Shape s : of(c, 1)) block += s.flops();
        if (!c.mlpT()) block += 4.0 * len * len * d; // scores and weighted values
        double perCycle = (c.lCycles() + 1) * c.lLayers() * block;
        double heads = 2.0 * len * d * c.vocabSize() + 2.0 * d * 2;
        double forward = c.hCycles() * perCycle + heads;
        return new double[]{forward, forward + 2 * (perCycle + heads)};
    }
}
