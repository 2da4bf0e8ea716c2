package org.trm4j.train;

import java.util.List;

/**
 * The reference's three published training runs (its README's commands on top of config/cfg_pretrain.yaml),
 * as presets of every hyper-parameter. An epoch is, as in the reference, one example per original puzzle
 * (group): total steps = epochs x puzzles / global batch.
 *
 * @param name                 the {@code --recipe} name
 * @param preset               the model preset (architecture)
 * @param epochs               training epochs
 * @param evalEpochs           epochs between evaluations (eval_interval)
 * @param lr                   AdamATan2 rate
 * @param puzzleEmbLr          sign-SGD rate of the puzzle embedding
 * @param weightDecay          AdamATan2 weight decay
 * @param puzzleEmbWeightDecay sign-SGD weight decay
 */
public record Recipe(String name, String preset, long epochs, long evalEpochs, double lr, double puzzleEmbLr, double weightDecay,
                     double puzzleEmbWeightDecay) {
    /** cfg_pretrain.yaml: global_batch_size. */
    public static final int GLOBAL_BATCH = 768;
    /** cfg_pretrain.yaml: lr_warmup_steps. */
    public static final int WARMUP_STEPS = 2000;
    /** cfg_pretrain.yaml: lr_min_ratio (constant after the warm-up). */
    public static final double LR_MIN_RATIO = 1.0;
    /** The README's runs pass ema=True; ema_rate 0.999. */
    public static final double EMA_RATE = 0.999;

    /** Sudoku-Extreme, TRM-MLP: arch.mlp_t=True arch.pos_encodings=none H3 L6, 50k epochs, eval every 5k, lr 1e-4 / 1e-4, wd 1.0 / 1.0. */
    public static final Recipe SUDOKU_EXTREME = new Recipe("sudoku-extreme", "sudoku-mlp", 50_000, 5_000, 1e-4, 1e-4, 1.0, 1.0);
    /** Maze-Hard 30x30, TRM-Att: H3 L4, 50k epochs, eval every 5k, lr 1e-4 / 1e-4, wd 1.0 / 1.0. */
    public static final Recipe MAZE_HARD = new Recipe("maze-hard", "maze-att", 50_000, 5_000, 1e-4, 1e-4, 1.0, 1.0);
    /** ARC-AGI-1 (arc1concept-aug-1000), TRM-Att: H3 L4, cfg_pretrain's 100k epochs, eval every 10k, lr 1e-4 / 1e-2, wd 0.1 / 0.1. */
    public static final Recipe ARC_AGI_1 = new Recipe("arc-agi-1", "arc-att", 100_000, 10_000, 1e-4, 1e-2, 0.1, 0.1);

    public static List<Recipe> all() { return List.of(SUDOKU_EXTREME, MAZE_HARD, ARC_AGI_1); }

    /** The recipe called {@code name}; an unknown name is an error listing the known ones. */
    public static Recipe get(String name) {
        return all().stream().filter(r -> r.name.equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown recipe '" + name + "'; known recipes: " + String.join(", ", all().stream().map(Recipe::name).toList())));
    }

    /** Training steps for {@code puzzles} original puzzles at {@code batch} examples a step (the reference's total_steps). */
    public long steps(int puzzles, int batch) { return epochs * puzzles / batch; }

    /** Steps between evaluations. */
    public long evalSteps(int puzzles, int batch) { return Math.max(1, evalEpochs * puzzles / batch); }

    @Override public String toString() { return name + " (" + preset + ", " + epochs + " epochs)"; }
}
