package org.trm4j.kernels;

import org.trm4j.api.Device;
import org.trm4j.api.DeviceType;
import org.trm4j.api.FloatArray;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/**
 * The gated middle of SwiGLU: after gate_up_proj (n -> 2*inter) each row of {@code gu} is
 * [gate (inter) | up (inter)]; h = silu(gate) * up is [rows, inter] and feeds down_proj.
 * <pre>
 *   forward   s = sigmoid(g);  h = g * s * u
 *   backward  dg = dh * u * s * (1 + g * (1 - s));   du = dh * g * s
 * </pre>
 * The sigmoid uses float exp (transcendental tolerance between devices).
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>forward(gu, h, rows, inter, span)</td><td>gu [rows, 2*inter] -> h [rows, inter]; span: {@link #span}</td></tr>
 * <tr><td>backward(gu, dh, dgu, rows, inter, span)</td><td>dgu [rows, 2*inter] overwritten ([dgate | dup])</td></tr>
 * </table>
 */
public final class SwiGlu {
    private SwiGlu() {}

    private static float sigmoid(float g) {
        return 1.0f / (1.0f + KernelMath.exp(-g));
    }

    /** silu(g) * u, the one expression of every forward (here and in {@link LinearPanel#forwardStripeSwiGlu}). */
    static float gated(float g, float u) {
        return g * sigmoid(g) * u;
    }

    /**
     * Columns per work-item for a row of {@code inter} on {@code device}: the whole row on CPUs and the JVM (LLVM and
     * C2 vectorise the unit-stride loop inside a work-item, exp included; PoCL does not vectorise across work-items
     * that call exp, which made one element per work-item 5-8x slower there), one on GPUs (neighbouring work-items on
     * neighbouring floats).
     */
    public static int span(Device device, int inter) {
        return device.type() == DeviceType.GPU || device.type() == DeviceType.ACCELERATOR ? 1 : Math.max(1, inter);
    }

    /**
     * h[r, j] = silu(gu[r, j]) * gu[r, inter + j]. Work-item (r, s) does columns s*span .. s*span+span-1 of row r,
     * in a unit-stride loop ({@link #span}); any span &gt;= 1 gives the same values.
     */
    public static void forward(FloatArray gu, FloatArray h, int rows, int inter, int span) {
        for (@Parallel int r = 0; r < rows; r++) {
            for (@Parallel int s = 0; s < (inter + span - 1) / span; s++) {
                int end = Math.min(inter, s * span + span);
                int gb = r * 2 * inter;
                int hb = r * inter;
                for (int j = s * span; j < end; j++) {
                    h.set(hb + j, gated(gu.get(gb + j), gu.get(gb + inter + j)));
                }
            }
        }
    }

    /** dgu[r, j] = dh * u * s * (1 + g (1 - s)); dgu[r, inter + j] = dh * silu(g). Work split as {@link #forward}. */
    public static void backward(FloatArray gu, FloatArray dh, FloatArray dgu, int rows, int inter, int span) {
        for (@Parallel int r = 0; r < rows; r++) {
            for (@Parallel int c = 0; c < (inter + span - 1) / span; c++) {
                int end = Math.min(inter, c * span + span);
                int gb = r * 2 * inter;
                int hb = r * inter;
                for (int j = c * span; j < end; j++) {
                    float g = gu.get(gb + j);
                    float u = gu.get(gb + inter + j);
                    float s = sigmoid(g);
                    float d = dh.get(hb + j);
                    dgu.set(gb + j, d * u * s * (1.0f + g * (1.0f - s)));
                    dgu.set(gb + inter + j, d * g * s);
                }
            }
        }
    }
}
