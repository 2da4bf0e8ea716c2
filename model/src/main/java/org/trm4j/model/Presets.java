package org.trm4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Named configurations. The paper's three (the reference's command lines in its README) and small ones for
 * tests and demos. Halting: 16 steps at most, exploration 0.1 everywhere.
 *
 * <table>
 * <caption>presets</caption>
 * <tr><th>name</th><th>vocab</th><th>seq</th><th>prefix</th><th>D</th><th>heads</th><th>block</th><th>pos</th><th>H x L cycles</th><th>puzzle ids</th></tr>
 * <tr><td>sudoku-mlp</td><td>11</td><td>81</td><td>16</td><td>512</td><td>(8)</td><td>mlp_t</td><td>none</td><td>3 x 6</td><td>1</td></tr>
 * <tr><td>maze-att</td><td>6</td><td>900</td><td>16</td><td>512</td><td>8</td><td>attention</td><td>rope</td><td>3 x 4</td><td>1</td></tr>
 * <tr><td>arc-att</td><td>12</td><td>900</td><td>16</td><td>512</td><td>8</td><td>attention</td><td>rope</td><td>3 x 4</td><td>{@value #ARC1_AUG1000_PUZZLE_IDENTIFIERS}</td></tr>
 * <tr><td>small-mlp</td><td>11</td><td>81</td><td>16</td><td>128</td><td>(4)</td><td>mlp_t</td><td>none</td><td>3 x 6</td><td>1</td></tr>
 * <tr><td>small-att</td><td>11</td><td>81</td><td>16</td><td>128</td><td>4</td><td>attention</td><td>rope</td><td>3 x 4</td><td>1</td></tr>
 * <tr><td>tiny-mlp</td><td>6</td><td>8</td><td>4</td><td>16</td><td>(2)</td><td>mlp_t</td><td>none</td><td>2 x 2</td><td>3</td></tr>
 * <tr><td>tiny-att</td><td>6</td><td>8</td><td>4</td><td>16</td><td>2</td><td>attention</td><td>rope</td><td>2 x 2</td><td>3</td></tr>
 * </table>
 */
public final class Presets {
    private Presets() {}

    /**
     * Puzzle identifiers of the reference's ARC-AGI-1 set (build_arc_dataset.py, subsets training + evaluation +
     * concept = 400 + 400 + 160 = 960 tasks, num_aug 1000): 1 blank id + 960 x (1 original + 1000 augmented copies)
     * = 960 961. This is the count when every task gets all its 1000 distinct augmentations (the builder stops
     * early for a task whose augmentations run out and prints the real total, "Total puzzle IDs"), so use
     * {@link #arcAtt(int)} with the number of the data set actually built. The table alone is 960 961 x 512 floats
     * (1.97 GB in float32).
     */
    public static final int ARC1_AUG1000_PUZZLE_IDENTIFIERS = 1 + 960 * 1001;

    /** Same for ARC-AGI-2 (training2 + evaluation2 + concept = 1000 + 120 + 160 = 1280 tasks): 1 + 1280 x 1001. */
    public static final int ARC2_AUG1000_PUZZLE_IDENTIFIERS = 1 + 1280 * 1001;

    private static final Map<String, Supplier<TrmConfig>> PRESETS = new LinkedHashMap<>();
    static {
        PRESETS.put("sudoku-mlp", Presets::sudokuMlp);
        PRESETS.put("maze-att", Presets::mazeAtt);
        PRESETS.put("arc-att", () -> arcAtt(ARC1_AUG1000_PUZZLE_IDENTIFIERS));
        PRESETS.put("small-mlp", Presets::smallMlp);
        PRESETS.put("small-att", Presets::smallAtt);
        PRESETS.put("tiny-mlp", Presets::tinyMlp);
        PRESETS.put("tiny-att", Presets::tinyAtt);
    }

    /** The preset called {@code name}; an unknown name is an error that lists the known ones. */
    public static TrmConfig get(String name) {
        Supplier<TrmConfig> s = name == null ? null : PRESETS.get(name);
        if (s == null) throw new IllegalArgumentException("unknown TRM preset '" + name + "'; known presets: " + String.join(", ", names()));
        return s.get();
    }

    /** Preset names, in the order of the table above. */
    public static List<String> names() { return List.copyOf(PRESETS.keySet()); }

    /** TRM-MLP for Sudoku-Extreme: ~5.0M trainable parameters (5 028 866). */
    public static TrmConfig sudokuMlp() {
        return TrmConfig.builder().name("sudoku-mlp").vocabSize(11).seqLen(81).puzzleEmbLen(16).hiddenSize(512).puzzleEmbNdim(512)
                .numPuzzleIdentifiers(1).numHeads(8).expansion(4.0).hCycles(3).lCycles(6).lLayers(2)
                .mlpT(true).posEncodings(TrmConfig.POS_NONE).build();
    }

    /** TRM-Att for Maze-Hard 30x30: ~6.8M trainable parameters (6 822 914). */
    public static TrmConfig mazeAtt() {
        return TrmConfig.builder().name("maze-att").vocabSize(6).seqLen(900).puzzleEmbLen(16).hiddenSize(512).puzzleEmbNdim(512)
                .numPuzzleIdentifiers(1).numHeads(8).expansion(4.0).hCycles(3).lCycles(4).lLayers(2)
                .mlpT(false).posEncodings(TrmConfig.POS_ROPE).build();
    }

    /** TRM-Att for ARC-AGI with {@code numPuzzleIdentifiers} puzzle ids (the data set's num_puzzle_identifiers). */
    public static TrmConfig arcAtt(int numPuzzleIdentifiers) {
        return mazeAtt().toBuilder().name("arc-att").vocabSize(12).numPuzzleIdentifiers(numPuzzleIdentifiers).build();
    }

    /** Sudoku-shaped MLP variant with D 128, for demos. */
    public static TrmConfig smallMlp() {
        return sudokuMlp().toBuilder().name("small-mlp").hiddenSize(128).numHeads(4).build();
    }

    /** Sudoku-shaped attention variant with D 128 (4 heads of 32), for demos. */
    public static TrmConfig smallAtt() {
        return sudokuMlp().toBuilder().name("small-att").hiddenSize(128).numHeads(4).mlpT(false)
                .posEncodings(TrmConfig.POS_ROPE).lCycles(4).build();
    }

    /** Tiny MLP variant for tests: vocab 6, 8 tokens + 4 prefix, D 16, H2 L2, 3 puzzle ids. */
    public static TrmConfig tinyMlp() {
        return TrmConfig.builder().name("tiny-mlp").vocabSize(6).seqLen(8).puzzleEmbLen(4).hiddenSize(16).puzzleEmbNdim(16)
                .numPuzzleIdentifiers(3).numHeads(2).expansion(4.0).hCycles(2).lCycles(2).lLayers(2)
                .mlpT(true).posEncodings(TrmConfig.POS_NONE).build();
    }

    /** Tiny attention variant for tests: vocab 6, 8 tokens + 4 prefix, D 16 = 2 heads of 8, rope, H2 L2, 3 puzzle ids. */
    public static TrmConfig tinyAtt() {
        return tinyMlp().toBuilder().name("tiny-att").mlpT(false).posEncodings(TrmConfig.POS_ROPE).build();
    }
}
