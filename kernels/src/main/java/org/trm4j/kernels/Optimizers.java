package org.trm4j.kernels;

import org.trm4j.api.Device;
import org.trm4j.api.DeviceType;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.KernelMath;
import org.trm4j.api.Parallel;

/**
 * Parameter updates (TRM-SPEC.md section 5), element-wise over flat float arrays.
 * <pre>
 *   adamAtan2   p <- p * (1 - lr wd)
 *               m <- m + (1 - beta1) (g - m)            (lerp(m, g, 1 - beta1))
 *               v <- v + (1 - beta2) (g^2 - v)          (lerp(v, g*g, 1 - beta2))
 *               p <- p - (lr / bc1) * atan2(m, sqrt(v) / sqrt(bc2))
 *               bc1 = 1 - beta1^t, bc2 = 1 - beta2^t for step t >= 1 (see {@link #biasCorrection})
 *   signSgd     for each puzzle id used by the batch (first slot holding it): g = sum over the slots
 *               with that id of their gradient rows (in slot order: deterministic);
 *               w[id] <- w[id] * (1 - lr wd) - lr sign(g)
 *   ema         e <- rate e + (1 - rate) p
 * </pre>
 * All computed in float; atan2 is {@link #atan2}, float arithmetic of our own (the same code on every device, within
 * 3 ulp of the correctly rounded value).
 * The *Rates kernels are the same updates (same code, same float arithmetic in the same order) with lr,
 * bc1, bc2 and the puzzle lr read from a small device array {@code rates} = [lr, bc1, bc2, puzzleLr]
 * (indices {@link #LR}, {@link #BC1}, {@link #BC2}, {@link #PUZZLE_LR}), uploaded each step, so that a
 * task graph need not be rebuilt when the learning rate or the step count changes.
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>adamAtan2(p, g, m, v, n, lr, beta1, beta2, weightDecay, bc1, bc2, span)</td><td>p, m, v [n] updated; span: {@link #span}</td></tr>
 * <tr><td>adamAtan2Rates(p, g, m, v, n, rates, beta1, beta2, weightDecay, span)</td><td>lr, bc1, bc2 from rates [RATES]</td></tr>
 * <tr><td>signSgd(weights, slotGrad, ids, batch, dim, lr, weightDecay)</td><td>weights [numPuzzles, dim]; slotGrad [B, dim]; ids [B]</td></tr>
 * <tr><td>signSgdRates(weights, slotGrad, ids, batch, dim, rates, weightDecay)</td><td>lr = rates[PUZZLE_LR]</td></tr>
 * <tr><td>ema(emaParams, params, n, rate)</td><td>emaParams [n] updated</td></tr>
 * </table>
 */
public final class Optimizers {
    private Optimizers() {}

    /** Host helper: 1 - beta^step, in double, rounded to float (step counts from 1). */
    public static float biasCorrection(double beta, long step) {
        return (float) (1.0 - Math.pow(beta, step));
    }

    /** Indices into the {@code rates} array of the *Rates kernels; RATES is its size. */
    public static final int LR = 0, BC1 = 1, BC2 = 2, PUZZLE_LR = 3, RATES = 4;

    /**
     * Elements per work-item of the adam kernels on {@code device}: 2048 on CPUs and the JVM (a unit-stride loop inside a
     * work-item, which LLVM and C2 vectorise), one on GPUs (neighbouring work-items on neighbouring floats).
     */
    public static int span(Device device) {
        return device.type() == DeviceType.GPU || device.type() == DeviceType.ACCELERATOR ? 1 : 2048;
    }

    /** One AdamATan2 step on n elements (decoupled weight decay, no epsilon), {@code span} ({@link #span}) per work-item. */
    public static void adamAtan2(FloatArray p, FloatArray g, FloatArray m, FloatArray v, int n,
                                 float lr, float beta1, float beta2, float weightDecay, float bc1, float bc2, int span) {
        for (@Parallel int c = 0; c < (n + span - 1) / span; c++) {
            int end = Math.min(n, c * span + span);
            for (int i = c * span; i < end; i++) adamAtan2At(p, g, m, v, i, lr, beta1, beta2, weightDecay, bc1, bc2);
        }
    }

    /** {@link #adamAtan2} with lr, bc1, bc2 = rates[LR], rates[BC1], rates[BC2]. */
    public static void adamAtan2Rates(FloatArray p, FloatArray g, FloatArray m, FloatArray v, int n, FloatArray rates,
                                      float beta1, float beta2, float weightDecay, int span) {
        for (@Parallel int c = 0; c < (n + span - 1) / span; c++) {
            int end = Math.min(n, c * span + span);
            float lr = rates.get(LR), bc1 = rates.get(BC1), bc2 = rates.get(BC2);
            for (int i = c * span; i < end; i++) adamAtan2At(p, g, m, v, i, lr, beta1, beta2, weightDecay, bc1, bc2);
        }
    }

    /** The AdamATan2 update of element i (inlined into both adam kernels). */
    private static void adamAtan2At(FloatArray p, FloatArray g, FloatArray m, FloatArray v, int i,
                                    float lr, float beta1, float beta2, float weightDecay, float bc1, float bc2) {
        float gi = g.get(i);
        float pi = p.get(i) * (1.0f - lr * weightDecay);
        float mi = m.get(i);
        mi = mi + (1.0f - beta1) * (gi - mi);
        float vi = v.get(i);
        vi = vi + (1.0f - beta2) * (gi * gi - vi);
        m.set(i, mi);
        v.set(i, vi);
        float denom = KernelMath.sqrt(vi) / KernelMath.sqrt(bc2);
        p.set(i, pi - (lr / bc1) * atan2(mi, denom));
    }

    /**
     * atan2(y, x) in float arithmetic only (no library call, so a loop of it vectorises: PoCL's atan2 call did not, and
     * took 25x longer), within 3 ulp of the correctly rounded value and with Math.atan2's special values (signed zeros,
     * infinities, NaN). |y|/|x| or its inverse in [0, 1], reduced to [-tan(pi/8), tan(pi/8)] around 1 by
     * atan t = pi/4 + atan((t - 1)/(t + 1)); there a degree-9 odd polynomial (Cephes' atanf coefficients).
     */
    static float atan2(float y, float x) {
        float ax = Math.abs(x), ay = Math.abs(y);
        float mx = Math.max(ax, ay), mn = Math.min(ax, ay);
        float t = mx == 0.0f ? 0.0f : (mn == mx ? 1.0f : mn / mx); // 0/0 -> 0, inf/inf -> 1; NaN stays NaN
        boolean high = t > 0.41421357f;
        float z = high ? (t - 1.0f) / (t + 1.0f) : t;
        float z2 = z * z;
        float r = (((8.05374449538e-2f * z2 - 1.38776856032e-1f) * z2 + 1.99777106478e-1f) * z2 - 3.33329491539e-1f) * z2 * z + z;
        r = high ? r + 0.78539819f : r;
        r = ay > ax ? 1.5707964f - r : r;
        r = x < 0.0f || (x == 0.0f && 1.0f / x < 0.0f) ? 3.1415927f - r : r;
        return y < 0.0f || (y == 0.0f && 1.0f / y < 0.0f) ? -r : r;
    }

    /** Sign-SGD with decoupled weight decay on the puzzle-embedding rows used by the batch. */
    public static void signSgd(FloatArray weights, FloatArray slotGrad, IntArray ids, int batch, int dim, float lr, float weightDecay) {
        for (@Parallel int b = 0; b < batch; b++) signSgdSlot(weights, slotGrad, ids, b, batch, dim, lr, weightDecay);
    }

    /** {@link #signSgd} with lr = rates[PUZZLE_LR]. */
    public static void signSgdRates(FloatArray weights, FloatArray slotGrad, IntArray ids, int batch, int dim, FloatArray rates, float weightDecay) {
        for (@Parallel int b = 0; b < batch; b++) signSgdSlot(weights, slotGrad, ids, b, batch, dim, rates.get(PUZZLE_LR), weightDecay);
    }

    /**
     * Slot b's share of sign-SGD (inlined into both kernels): if b is the first slot holding its id,
     * updates that id's row with the gradient rows of all slots holding it, summed in slot order.
     */
    private static void signSgdSlot(FloatArray weights, FloatArray slotGrad, IntArray ids, int b, int batch, int dim,
                                    float lr, float weightDecay) {
        int id = ids.get(b);
        boolean first = true;
        for (int j = 0; j < b; j++) if (ids.get(j) == id) first = false;
        if (first) {
            for (int d = 0; d < dim; d++) {
                float sum = 0.0f;
                for (int j = b; j < batch; j++) if (ids.get(j) == id) sum += slotGrad.get(j * dim + d);
                float sign = sum > 0.0f ? 1.0f : (sum < 0.0f ? -1.0f : 0.0f);
                int at = id * dim + d;
                weights.set(at, weights.get(at) * (1.0f - lr * weightDecay) - lr * sign);
            }
        }
    }

    /** e = rate * e + (1 - rate) * p. */
    public static void ema(FloatArray emaParams, FloatArray params, int n, float rate) {
        for (@Parallel int i = 0; i < n; i++) emaParams.set(i, rate * emaParams.get(i) + (1.0f - rate) * params.get(i));
    }
}
