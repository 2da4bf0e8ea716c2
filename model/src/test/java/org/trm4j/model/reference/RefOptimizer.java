package org.trm4j.model.reference;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.trm4j.model.reference.RefParams.PUZZLE_EMB;

/**
 * The optimisers of TRM-SPEC.md section 5 in float64: AdamATan2 for the weights, sign-SGD for the
 * puzzle-embedding rows of the batch, the EMA, and the reference's learning-rate schedule.
 */
public final class RefOptimizer {

    /**
     * Hyper-parameters of a run.  lr / puzzleEmbLr are the base rates of the schedule
     * ({@link #lrAt}); warmupSteps 0 with lrMinRatio 1 gives a constant rate.  emaRate <= 0: no EMA.
     */
    public record Hyper(double lr, double puzzleEmbLr, double weightDecay, double puzzleEmbWeightDecay,
                        double beta1, double beta2, int warmupSteps, int totalSteps, double lrMinRatio,
                        double emaRate, int globalBatchSize, TrmReference.LossType lossType, boolean training) {

        /** Constant rates, the reference's betas, EMA 0.999, stablemax, training. */
        public static Hyper constant(double lr, double puzzleEmbLr, double weightDecay, double puzzleEmbWeightDecay,
                                     int globalBatchSize) {
            return new Hyper(lr, puzzleEmbLr, weightDecay, puzzleEmbWeightDecay, 0.9, 0.95, 0, 1, 1.0, 0.999,
                    globalBatchSize, TrmReference.LossType.STABLEMAX, true);
        }
    }

    /**
     * The reference's cosine_schedule_with_warmup_lr_lambda; {@code step} counts from 1 at the first
     * optimizer step (pretrain.py increments before it asks).
     */
    public static double lrAt(int step, double baseLr, int warmupSteps, int totalSteps, double minRatio) {
        if (step < warmupSteps) return baseLr * step / Math.max(1, warmupSteps);
        double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return baseLr * (minRatio + Math.max(0.0, (1 - minRatio) * 0.5 * (1.0 + Math.cos(Math.PI * 0.5 * 2.0 * progress))));
    }

    /**
     * AdamATan2 on one tensor, step t >= 1:
     * p *= 1 - lr wd;  m = lerp(m, g, 1 - b1);  v = lerp(v, g^2, 1 - b2);
     * p -= lr / (1 - b1^t) * atan2(m, sqrt(v) / sqrt(1 - b2^t)).
     */
    public static void adamAtan2(double[] p, double[] g, double[] m, double[] v, int t,
                                 double lr, double wd, double beta1, double beta2) {
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < p.length; i++) {
            p[i] *= 1 - lr * wd;
            m[i] += (1 - beta1) * (g[i] - m[i]);
            v[i] += (1 - beta2) * (g[i] * g[i] - v[i]);
            p[i] -= lr / bc1 * Math.atan2(m[i], Math.sqrt(v[i]) / Math.sqrt(bc2));
        }
    }

    /**
     * Sign-SGD with decoupled weight decay on the distinct rows {@code usedIds} of weights [numIds, ndim];
     * denseGrad [numIds, ndim] already holds each row's gradient summed over the slots that used it.
     * p = p (1 - lr wd) - lr sign(g).  Rows not used are untouched.
     */
    public static void signSgd(double[] weights, double[] denseGrad, int ndim, int[] usedIds, double lr, double wd) {
        Set<Integer> rows = new LinkedHashSet<>();
        for (int id : usedIds) rows.add(id);
        for (int id : rows)
            for (int k = 0; k < ndim; k++) {
                int i = id * ndim + k;
                weights[i] = weights[i] * (1 - lr * wd) - lr * Math.signum(denseGrad[i]);
            }
    }

    /** shadow = (1 - rate) p + rate shadow. */
    public static void emaUpdate(double[] shadow, double[] p, double rate) {
        for (int i = 0; i < p.length; i++) shadow[i] = (1 - rate) * p[i] + rate * shadow[i];
    }

    // ------------------------------------------------------------------ state across steps

    private final RefConfig cfg;
    private final Hyper hyper;
    private final Map<String, double[]> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private final Map<String, double[]> ema;
    private int t;

    /** Adam moments at zero; the EMA shadow (if on) starts as a copy of the parameters (EMAHelper.register). */
    public RefOptimizer(RefConfig cfg, Map<String, double[]> params, Hyper hyper) {
        this.cfg = cfg;
        this.hyper = hyper;
        for (String n : RefParams.adamNames(cfg)) {
            m.put(n, new double[params.get(n).length]);
            v.put(n, new double[params.get(n).length]);
        }
        if (hyper.emaRate() > 0) {
            ema = new LinkedHashMap<>();
            for (String n : RefParams.adamNames(cfg)) ema.put(n, params.get(n).clone());
        } else ema = null;
    }

    /** Optimizer steps taken so far. */
    public int steps() { return t; }

    /** EMA shadows of the AdamATan2 tensors (the reference's EMA follows named_parameters only), or null. */
    public Map<String, double[]> ema() { return ema; }

    public Map<String, double[]> adamM() { return m; }

    public Map<String, double[]> adamV() { return v; }

    /**
     * One optimizer step in place (t += 1 first): sign-SGD on the puzzle rows the batch used with rate
     * puzzleLr, AdamATan2 on every other trained tensor with rate lr, then the EMA.
     */
    public void step(Map<String, double[]> params, Map<String, double[]> grads, int[] usedPuzzleIds, double lr, double puzzleLr) {
        t++;
        if (cfg.puzzleEmbNdim() > 0)
            signSgd(params.get(PUZZLE_EMB), grads.get(PUZZLE_EMB), cfg.puzzleEmbNdim(), usedPuzzleIds,
                    puzzleLr, hyper.puzzleEmbWeightDecay());
        for (String n : RefParams.adamNames(cfg))
            adamAtan2(params.get(n), grads.get(n), m.get(n), v.get(n), t, lr, hyper.weightDecay(), hyper.beta1(), hyper.beta2());
        if (ema != null)
            for (String n : ema.keySet()) emaUpdate(ema.get(n), params.get(n), hyper.emaRate());
    }
}
