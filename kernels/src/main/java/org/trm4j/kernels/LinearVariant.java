package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelContext;
import org.trm4j.api.TaskGraph;
import org.trm4j.api.WorkerGrid;

import java.util.ArrayList;
import java.util.List;

/**
 * One way of computing one linear product ({@link Op}): a kernel of {@link Linear} or {@link LinearPanel}
 * with its launch parameters. {@link #add} appends it as a task; {@link #grid} is the launch grid it wants (null
 * where the runtime's default suits). Every variant of an op computes the same values
 * (to rounding; see the kernels' comments), so the choice between them is a matter of speed only
 * ({@link LinearTuner}).
 *
 * <p>Operands, by op: FORWARD a = x [rows, in], b = w [out, in] (or wT [in, out] when
 * {@link #transposedWeight}), c = y [rows, out]; BACKWARD_INPUT a = dy, b = w, c = dx (accumulate or not);
 * BACKWARD_WEIGHT a = dy, b = x, c = dw (always accumulates).
 *
 * @param name  the kernel's name in {@code trm linear-bench} and in the tuning cache, e.g. "backwardWeightPanel128"
 * @param width the panel or stripe width of {@link LinearPanel} variants, else 0
 */
public record LinearVariant(Op op, String name, Kind kind, int width) {

    /** The three products of a linear layer. */
    public enum Op { FORWARD, BACKWARD_INPUT, BACKWARD_WEIGHT }

    /**
     * Which kernel family. PLAIN: Linear's @Parallel kernels; ROWS4: backwardInputRows4; BLOCKED: Linear's *Blocked
     * (4 x 4 register blocks); TILED: Linear's KernelContext ones; PANEL: {@link LinearPanel}'s 4-row panels; STRIPE:
     * its 16-row stripes with the reduction in chunks (the tuner's usual pick on PoCL at TRM's shapes).
     */
    public enum Kind { PLAIN, ROWS4, BLOCKED, TILED, PANEL, STRIPE }

    /** Panel widths tried by the tuner and the bench. */
    public static final int[] PANEL_WIDTHS = {64, 128, 256};
    /** Stripe widths tried by the tuner and the bench. */
    public static final int[] STRIPE_WIDTHS = {256, 512, 1024};

    /** Every variant of {@code op}, the plain kernel first. */
    public static List<LinearVariant> all(Op op) {
        String base = switch (op) {
            case FORWARD -> "forward";
            case BACKWARD_INPUT -> "backwardInput";
            case BACKWARD_WEIGHT -> "backwardWeight";
        };
        List<LinearVariant> v = new ArrayList<>();
        v.add(new LinearVariant(op, base, Kind.PLAIN, 0));
        if (op == Op.BACKWARD_INPUT) v.add(new LinearVariant(op, base + "Rows4", Kind.ROWS4, 0));
        v.add(new LinearVariant(op, base + "Blocked", Kind.BLOCKED, 0));
        v.add(new LinearVariant(op, base + "Tiled", Kind.TILED, 0));
        for (int w : PANEL_WIDTHS) v.add(new LinearVariant(op, base + "Panel" + w, Kind.PANEL, w));
        for (int w : STRIPE_WIDTHS) v.add(new LinearVariant(op, base + "Stripe" + w, Kind.STRIPE, w));
        return v;
    }

    /** The variant of {@code op} called {@code name}, or null. */
    public static LinearVariant named(Op op, String name) {
        for (LinearVariant v : all(op)) if (v.name.equals(name)) return v;
        return null;
    }

    /** Whether a FORWARD variant reads the weight transposed ([in, out], {@link LinearPanel#transpose}). */
    public boolean transposedWeight() { return op == Op.FORWARD && (kind == Kind.PANEL || kind == Kind.STRIPE); }

    /** Whether the kernel is a KernelContext one (needs {@link #grid}; emulated one thread per work-item on the JVM). */
    public boolean usesKernelContext() { return kind == Kind.TILED; }

    /**
     * The launch grid for this shape: the tiled kernels' work-groups; for panels and stripes their work-items in groups of
     * one, so that every thread of a CPU device takes tiles as it gets free (left to itself PoCL makes as few groups as
     * it has threads, or one: a stripe kernel of 49 work-items ran on one of two cores, and a shared core held up the
     * other); null for the other @Parallel variants.
     */
    public WorkerGrid grid(int rows, int in, int out) {
        if (kind == Kind.PANEL || kind == Kind.STRIPE) {
            int m = op == Op.BACKWARD_WEIGHT ? out : rows, n = op == Op.FORWARD ? out : in;
            return Grids.singles(kind == Kind.PANEL ? LinearPanel.tiles(m, n, width) : LinearPanel.stripes(m, n, width));
        }
        if (kind != Kind.TILED) return null;
        return switch (op) {
            case FORWARD -> Grids.linearForward(rows, out);
            case BACKWARD_INPUT -> Grids.linearBackwardInput(rows, in);
            case BACKWARD_WEIGHT -> Grids.linearBackwardWeight(out, in);
        };
    }

    /** Appends the task {@code id} computing this product on the operands (see the class comment). */
    public void add(TaskGraph g, String id, FloatArray a, FloatArray b, FloatArray c, int rows, int in, int out, boolean accumulate) {
        int acc = accumulate ? 1 : 0;
        switch (op) {
            case FORWARD -> {
                switch (kind) {
                    case PLAIN -> g.task(id, Linear::forward, a, b, c, rows, in, out);
                    case BLOCKED -> g.task(id, Linear::forwardBlocked, a, b, c, rows, in, out, Linear.blocks(rows, out));
                    case TILED -> g.task(id, Linear::forwardTiled, new KernelContext(), a, b, c, rows, in, out);
                    case PANEL -> g.task(id, LinearPanel::forward, a, b, c, rows, in, out, width, LinearPanel.tiles(rows, out, width));
                    case STRIPE -> g.task(id, LinearPanel::forwardStripe, a, b, c, rows, in, out, width, LinearPanel.stripes(rows, out, width));
                    default -> throw unsupported();
                }
            }
            case BACKWARD_INPUT -> {
                switch (kind) {
                    case PLAIN -> g.task(id, Linear::backwardInput, a, b, c, rows, in, out, acc);
                    case ROWS4 -> g.task(id, Linear::backwardInputRows4, a, b, c, rows, in, out, acc);
                    case BLOCKED -> g.task(id, Linear::backwardInputBlocked, a, b, c, rows, in, out, acc, Linear.blocks(rows, in));
                    case TILED -> g.task(id, Linear::backwardInputTiled, new KernelContext(), a, b, c, rows, in, out, acc);
                    case PANEL -> g.task(id, LinearPanel::backwardInput, a, b, c, rows, in, out, acc, width, LinearPanel.tiles(rows, in, width));
                    case STRIPE -> g.task(id, LinearPanel::backwardInputStripe, a, b, c, rows, in, out, acc, width, LinearPanel.stripes(rows, in, width));
                }
            }
            case BACKWARD_WEIGHT -> {
                switch (kind) {
                    case PLAIN -> g.task(id, Linear::backwardWeight, a, b, c, rows, in, out);
                    case BLOCKED -> g.task(id, Linear::backwardWeightBlocked, a, b, c, rows, in, out, Linear.blocks(out, in));
                    case TILED -> g.task(id, Linear::backwardWeightTiled, new KernelContext(), a, b, c, rows, in, out);
                    case PANEL -> g.task(id, LinearPanel::backwardWeight, a, b, c, rows, in, out, width, LinearPanel.tiles(out, in, width));
                    case STRIPE -> g.task(id, LinearPanel::backwardWeightStripe, a, b, c, rows, in, out, width, LinearPanel.stripes(out, in, width));
                    default -> throw unsupported();
                }
            }
        }
    }

    private IllegalStateException unsupported() { return new IllegalStateException("no kernel " + name); }

    @Override public String toString() { return name; }
}
