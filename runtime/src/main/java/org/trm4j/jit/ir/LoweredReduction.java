package org.trm4j.jit.ir;

/**
 * What {@code ReductionLowering} left for the launcher: a hidden array of one partial result per work-group, and a
 * hidden int phase. Phase 0 runs over {@code partials.length} groups of {@code groupSize} work-items; phase 1 runs
 * on one work-item and folds the partials into the @Reduce element.
 */
public record LoweredReduction(Param.Array partials, Param.Scalar phase, int groupSize) {}
