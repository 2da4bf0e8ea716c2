package org.trm4j.model.reference;

/**
 * The configuration the float64 reference needs: the fields of the reference's
 * {@code TinyRecursiveReasoningModel_ACTV1Config} that change the maths (TRM-SPEC.md).
 *
 * <p>Kept separate from {@code org.trm4j.model.TrmConfig} on purpose so that the reference stays
 * independent of the code it checks; {@link #of(org.trm4j.model.TrmConfig)} converts.
 *
 * @param vocabSize            V
 * @param seqLen               token positions (81 for Sudoku)
 * @param puzzleEmbLen         prefix positions; 0 means ceil(puzzleEmbNdim / hiddenSize) as in the reference
 * @param puzzleEmbNdim        size of one puzzle-embedding row (0: no puzzle embedding, prefix stays zero)
 * @param numPuzzleIdentifiers rows of {@code puzzle_emb.weights}
 * @param hiddenSize           D
 * @param numHeads             attention heads (head_dim = D / numHeads)
 * @param expansion            SwiGLU expansion (4 in TRM)
 * @param hCycles              H_cycles
 * @param lCycles              L_cycles
 * @param lLayers              blocks in the net (2 in TRM)
 * @param mlpT                 true: token-mixing SwiGLU over the sequence axis instead of attention
 * @param posEncodings         "rope", "learned" or "none"
 * @param rmsNormEps           1e-5
 * @param ropeTheta            10000
 * @param haltMaxSteps         16
 */
public record RefConfig(int vocabSize, int seqLen, int puzzleEmbLen, int puzzleEmbNdim, int numPuzzleIdentifiers,
                        int hiddenSize, int numHeads, double expansion, int hCycles, int lCycles, int lLayers,
                        boolean mlpT, String posEncodings, double rmsNormEps, double ropeTheta, int haltMaxSteps) {

    public RefConfig {
        if (vocabSize < 1 || seqLen < 1 || hiddenSize < 1 || numHeads < 1 || hCycles < 1 || lCycles < 1
                || lLayers < 1 || haltMaxSteps < 1 || puzzleEmbNdim < 0 || puzzleEmbLen < 0)
            throw new IllegalArgumentException("bad sizes: " + this);
        if (hiddenSize % numHeads != 0) throw new IllegalArgumentException("hiddenSize % numHeads != 0");
        if (!posEncodings.equals("rope") && !posEncodings.equals("learned") && !posEncodings.equals("none"))
            throw new IllegalArgumentException("posEncodings must be rope, learned or none: " + posEncodings);
        if (puzzleEmbNdim > 0 && numPuzzleIdentifiers < 1) throw new IllegalArgumentException("no puzzle identifiers");
        if (puzzleEmbNdim > prefixLen(puzzleEmbLen, puzzleEmbNdim, hiddenSize) * hiddenSize)
            throw new IllegalArgumentException("puzzleEmbNdim does not fit in the prefix");
        if (posEncodings.equals("rope") && (hiddenSize / numHeads) % 2 != 0)
            throw new IllegalArgumentException("rope needs an even head_dim");
    }

    private static int prefixLen(int puzzleEmbLen, int ndim, int d) {
        return puzzleEmbLen == 0 ? (ndim + d - 1) / d : puzzleEmbLen;
    }

    /** P: prefix positions before the tokens (the reference's {@code self.puzzle_emb_len}). */
    public int prefixLen() { return prefixLen(puzzleEmbLen, puzzleEmbNdim, hiddenSize); }

    /** L = seqLen + P: positions the net sees. */
    public int totalLen() { return seqLen + prefixLen(); }

    public int headDim() { return hiddenSize / numHeads; }

    /** SwiGLU inner width over D (channel mixing). */
    public int interD() { return swigluInter(hiddenSize, expansion); }

    /** SwiGLU inner width over L (token mixing, MLP-T only). */
    public int interL() { return swigluInter(totalLen(), expansion); }

    public boolean rope() { return posEncodings.equals("rope"); }

    public boolean learnedPos() { return posEncodings.equals("learned"); }

    /**
     * {@code _find_multiple(round(expansion * n * 2 / 3), 256)}; Python's round() rounds half to even,
     * which is {@link Math#rint}.
     */
    public static int swigluInter(int n, double expansion) {
        long r = (long) Math.rint(expansion * n * 2 / 3);
        return (int) (((r + 255) / 256) * 256);
    }

    /** The reference view of the model module's config (its puzzleEmbLen is always the real prefix length). */
    public static RefConfig of(org.trm4j.model.TrmConfig c) {
        return new RefConfig(c.vocabSize(), c.seqLen(), c.puzzleEmbLen(), c.puzzleEmbNdim(), c.numPuzzleIdentifiers(),
                c.hiddenSize(), c.numHeads(), c.expansion(), c.hCycles(), c.lCycles(), c.lLayers(), c.mlpT(),
                c.posEncodings(), c.rmsNormEps(), c.ropeTheta(), c.haltMaxSteps());
    }

    /** Same config with other cycle counts (handy in tests). */
    public RefConfig withCycles(int h, int l) {
        return new RefConfig(vocabSize, seqLen, puzzleEmbLen, puzzleEmbNdim, numPuzzleIdentifiers, hiddenSize,
                numHeads, expansion, h, l, lLayers, mlpT, posEncodings, rmsNormEps, ropeTheta, haltMaxSteps);
    }

    /** Same config with another position encoding. */
    public RefConfig withPos(String pos) {
        return new RefConfig(vocabSize, seqLen, puzzleEmbLen, puzzleEmbNdim, numPuzzleIdentifiers, hiddenSize,
                numHeads, expansion, hCycles, lCycles, lLayers, mlpT, pos, rmsNormEps, ropeTheta, haltMaxSteps);
    }
}
