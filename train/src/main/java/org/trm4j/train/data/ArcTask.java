package org.trm4j.train.data;

import java.util.List;

/** An ARC-AGI task: its id, demonstration pairs, and test pairs (a test output is null when no solution was given). */
public record ArcTask(String id, List<Pair> train, List<Pair> test) {
    /** An input grid and its output (colours 0..9; null output = unknown). */
    public record Pair(Grid input, Grid output) {}

    public ArcTask {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }
}
