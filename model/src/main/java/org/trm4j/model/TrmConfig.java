package org.trm4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The architecture of one TRM, with the reference's names (TinyRecursiveReasoningModel_ACTV1Config,
 * config/arch/trm.yaml) in camel case. Validated on construction: every problem is listed in one
 * {@link IllegalArgumentException}.
 *
 * @param name                 a label (preset name), used in messages and checkpoint metadata
 * @param vocabSize            tokens, PAD = 0 included
 * @param seqLen               token positions (81 Sudoku, 900 Maze/ARC)
 * @param puzzleEmbLen         prefix positions before the tokens (16 in the reference); 0 when
 *                             {@code puzzleEmbNdim} is 0 (the reference would crash otherwise: its carry
 *                             has seqLen + puzzle_emb_len positions but the input only seqLen)
 * @param puzzleEmbNdim        size of one puzzle embedding (= hiddenSize in the reference), 0 = none;
 *                             padded with zeros to puzzleEmbLen x hiddenSize
 * @param numPuzzleIdentifiers rows of the puzzle embedding (id 0 is the blank puzzle)
 * @param hiddenSize           D
 * @param numHeads             attention heads (head dim = D / heads); unused by the MLP variant
 * @param expansion            SwiGLU expansion (4.0)
 * @param hCycles              H_cycles
 * @param lCycles              L_cycles
 * @param lLayers              blocks in the net (L_layers, 2)
 * @param mlpT                 token-mixing SwiGLU over the sequence instead of attention (TRM-MLP)
 * @param posEncodings         "rope", "none" or "learned"
 * @param rmsNormEps           1e-5
 * @param ropeTheta            10000
 * @param haltMaxSteps         supervision steps at most (16)
 * @param haltExplorationProb  0.1
 */
public record TrmConfig(
        String name,
        int vocabSize,
        int seqLen,
        int puzzleEmbLen,
        int puzzleEmbNdim,
        int numPuzzleIdentifiers,
        int hiddenSize,
        int numHeads,
        double expansion,
        int hCycles,
        int lCycles,
        int lLayers,
        boolean mlpT,
        String posEncodings,
        double rmsNormEps,
        double ropeTheta,
        int haltMaxSteps,
        double haltExplorationProb) {

    public static final String POS_ROPE = "rope";
    public static final String POS_NONE = "none";
    public static final String POS_LEARNED = "learned";

    public TrmConfig {
        List<String> errors = new ArrayList<>();
        if (name == null || name.isBlank()) errors.add("name must not be empty");
        if (vocabSize < 2) errors.add("vocabSize must be >= 2, got " + vocabSize);
        if (seqLen < 1) errors.add("seqLen must be >= 1, got " + seqLen);
        if (hiddenSize < 1) errors.add("hiddenSize must be >= 1, got " + hiddenSize);
        if (puzzleEmbLen < 0) errors.add("puzzleEmbLen must be >= 0, got " + puzzleEmbLen);
        if (puzzleEmbNdim < 0) errors.add("puzzleEmbNdim must be >= 0 (0 = no puzzle embedding), got " + puzzleEmbNdim);
        if (puzzleEmbNdim == 0 && puzzleEmbLen != 0)
            errors.add("puzzleEmbLen must be 0 when puzzleEmbNdim is 0 (no puzzle embedding, no prefix), got " + puzzleEmbLen);
        if (puzzleEmbNdim > 0 && hiddenSize >= 1 && (long) puzzleEmbLen * hiddenSize < puzzleEmbNdim)
            errors.add("puzzleEmbLen x hiddenSize (" + puzzleEmbLen + " x " + hiddenSize + ") must hold puzzleEmbNdim " + puzzleEmbNdim
                    + " (need puzzleEmbLen >= " + ceilDiv(puzzleEmbNdim, hiddenSize) + ")");
        if (numPuzzleIdentifiers < 1) errors.add("numPuzzleIdentifiers must be >= 1 (id 0 is the blank puzzle), got " + numPuzzleIdentifiers);
        if (numHeads < 1) errors.add("numHeads must be >= 1, got " + numHeads);
        if (!mlpT && numHeads >= 1 && hiddenSize >= 1 && hiddenSize % numHeads != 0)
            errors.add("hiddenSize " + hiddenSize + " must be a multiple of numHeads " + numHeads + " (attention variant)");
        if (!(expansion > 0) || Double.isInfinite(expansion)) errors.add("expansion must be a positive number, got " + expansion);
        if (hCycles < 1) errors.add("hCycles must be >= 1, got " + hCycles);
        if (lCycles < 1) errors.add("lCycles must be >= 1, got " + lCycles);
        if (lLayers < 1) errors.add("lLayers must be >= 1, got " + lLayers);
        if (!POS_ROPE.equals(posEncodings) && !POS_NONE.equals(posEncodings) && !POS_LEARNED.equals(posEncodings))
            errors.add("posEncodings must be one of rope, none, learned, got " + posEncodings);
        if (POS_ROPE.equals(posEncodings) && !mlpT && numHeads >= 1 && hiddenSize % numHeads == 0 && (hiddenSize / numHeads) % 2 != 0)
            errors.add("rope needs an even head dim, got " + hiddenSize + " / " + numHeads + " = " + (hiddenSize / numHeads));
        if (!(rmsNormEps > 0) || Double.isInfinite(rmsNormEps)) errors.add("rmsNormEps must be > 0, got " + rmsNormEps);
        if (!(ropeTheta > 0) || Double.isInfinite(ropeTheta)) errors.add("ropeTheta must be > 0, got " + ropeTheta);
        if (haltMaxSteps < 1) errors.add("haltMaxSteps must be >= 1, got " + haltMaxSteps);
        if (!(haltExplorationProb >= 0 && haltExplorationProb <= 1))
            errors.add("haltExplorationProb must be in [0, 1], got " + haltExplorationProb);
        if (errors.isEmpty()) {
            long total = (long) seqLen + puzzleEmbLen;
            if (total * hiddenSize > Integer.MAX_VALUE) errors.add("(seqLen + puzzleEmbLen) x hiddenSize is too large: " + total * hiddenSize);
            if ((long) numPuzzleIdentifiers * puzzleEmbNdim > Integer.MAX_VALUE)
                errors.add("numPuzzleIdentifiers x puzzleEmbNdim exceeds one array: " + (long) numPuzzleIdentifiers * puzzleEmbNdim);
        }
        if (!errors.isEmpty())
            throw new IllegalArgumentException("invalid TRM config '" + name + "': " + String.join("; ", errors));
    }

    /** Positions in the state: prefix + tokens (97 Sudoku, 916 Maze/ARC). */
    public int totalLen() { return seqLen + puzzleEmbLen; }

    /** D / numHeads. */
    public int headDim() { return hiddenSize / numHeads; }

    /** True when there is a puzzle embedding table. */
    public boolean hasPuzzleEmb() { return puzzleEmbNdim > 0; }

    public boolean usesRope() { return POS_ROPE.equals(posEncodings); }

    public boolean usesLearnedPos() { return POS_LEARNED.equals(posEncodings); }

    /**
     * SwiGLU inner size for width n, as the reference's SwiGLU: {@code _find_multiple(round(expansion * n * 2 / 3), 256)},
     * Python's round (half to even) on the double {@code ((expansion * n) * 2) / 3}. 512 -> 1536, 97 -> 512.
     */
    public int interSize(int n) {
        long r = (long) Math.rint(expansion * n * 2 / 3);
        return (int) (ceilDiv(r, 256) * 256);
    }

    /** Inner size of the channel SwiGLU ({@code mlp}): interSize(hiddenSize). */
    public int channelInter() { return interSize(hiddenSize); }

    /** Inner size of the token-mixing SwiGLU ({@code mlp_t}): interSize(totalLen()). */
    public int tokenInter() { return interSize(totalLen()); }

    /** sqrt(D): the input (prefix + tokens) is multiplied by it. */
    public double embedScale() { return Math.sqrt(hiddenSize); }

    /** Net applications per supervision step, forward: H_cycles x (L_cycles + 1). */
    public int netApplicationsForward() { return hCycles * (lCycles + 1); }

    /** Net applications that carry gradient: L_cycles + 1 (the last H cycle). */
    public int netApplicationsWithGrad() { return lCycles + 1; }

    public Builder toBuilder() { return new Builder(this); }

    public static Builder builder() { return new Builder(); }

    /** A copy with another number of puzzle identifiers (e.g. for an ARC data set). */
    public TrmConfig withNumPuzzleIdentifiers(int n) { return toBuilder().numPuzzleIdentifiers(n).build(); }

    public TrmConfig withName(String n) { return toBuilder().name(n).build(); }

    private static long ceilDiv(long a, long b) { return -Math.floorDiv(-a, b); }

    /** Mutable builder; defaults are the reference's trm.yaml (attention, rope, D 512, 8 heads, H3 L6, 2 layers). */
    public static final class Builder {
        private String name = "custom";
        private int vocabSize = 11, seqLen = 81, puzzleEmbLen = 16, puzzleEmbNdim = 512, numPuzzleIdentifiers = 1;
        private int hiddenSize = 512, numHeads = 8;
        private double expansion = 4.0;
        private int hCycles = 3, lCycles = 6, lLayers = 2;
        private boolean mlpT = false;
        private String posEncodings = POS_ROPE;
        private double rmsNormEps = 1e-5, ropeTheta = 10000.0;
        private int haltMaxSteps = 16;
        private double haltExplorationProb = 0.1;

        private Builder() {}

        private Builder(TrmConfig c) {
            name = c.name; vocabSize = c.vocabSize; seqLen = c.seqLen; puzzleEmbLen = c.puzzleEmbLen;
            puzzleEmbNdim = c.puzzleEmbNdim; numPuzzleIdentifiers = c.numPuzzleIdentifiers; hiddenSize = c.hiddenSize;
            numHeads = c.numHeads; expansion = c.expansion; hCycles = c.hCycles; lCycles = c.lCycles; lLayers = c.lLayers;
            mlpT = c.mlpT; posEncodings = c.posEncodings; rmsNormEps = c.rmsNormEps; ropeTheta = c.ropeTheta;
            haltMaxSteps = c.haltMaxSteps; haltExplorationProb = c.haltExplorationProb;
        }

        public Builder name(String v) { name = Objects.requireNonNull(v); return this; }
        public Builder vocabSize(int v) { vocabSize = v; return this; }
        public Builder seqLen(int v) { seqLen = v; return this; }
        public Builder puzzleEmbLen(int v) { puzzleEmbLen = v; return this; }
        public Builder puzzleEmbNdim(int v) { puzzleEmbNdim = v; return this; }
        /** No puzzle embedding: puzzleEmbNdim = 0 and puzzleEmbLen = 0. */
        public Builder noPuzzleEmb() { puzzleEmbNdim = 0; puzzleEmbLen = 0; return this; }
        public Builder numPuzzleIdentifiers(int v) { numPuzzleIdentifiers = v; return this; }
        /** Sets D; a puzzle embedding of size D follows along (as the reference's {@code puzzle_emb_ndim: ${.hidden_size}}). */
        public Builder hiddenSize(int v) { if (puzzleEmbNdim == hiddenSize) puzzleEmbNdim = v; hiddenSize = v; return this; }
        public Builder numHeads(int v) { numHeads = v; return this; }
        public Builder expansion(double v) { expansion = v; return this; }
        public Builder hCycles(int v) { hCycles = v; return this; }
        public Builder lCycles(int v) { lCycles = v; return this; }
        public Builder lLayers(int v) { lLayers = v; return this; }
        public Builder mlpT(boolean v) { mlpT = v; return this; }
        public Builder posEncodings(String v) { posEncodings = v; return this; }
        public Builder rmsNormEps(double v) { rmsNormEps = v; return this; }
        public Builder ropeTheta(double v) { ropeTheta = v; return this; }
        public Builder haltMaxSteps(int v) { haltMaxSteps = v; return this; }
        public Builder haltExplorationProb(double v) { haltExplorationProb = v; return this; }

        public TrmConfig build() {
            return new TrmConfig(name, vocabSize, seqLen, puzzleEmbLen, puzzleEmbNdim, numPuzzleIdentifiers, hiddenSize,
                    numHeads, expansion, hCycles, lCycles, lLayers, mlpT, posEncodings, rmsNormEps, ropeTheta,
                    haltMaxSteps, haltExplorationProb);
        }
    }
}
