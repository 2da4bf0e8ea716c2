package org.trm4j.conformance;

import org.trm4j.api.Tasks;
import org.trm4j.api.Tasks.TaskFunction;
import org.trm4j.api.WorkerGrid;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One conformance case: a kernel, how to make its arguments from a seeded Random (the same seed
 * gives the same data, so java and the device get identical inputs), the launch grid (null: the
 * runtime chooses), the tolerance of floating outputs, and whether the kernel writes every output element.
 */
record ConformanceCase(String name, TaskFunction kernel, Function<Random, List<KernelArg>> inputs,
                       Supplier<WorkerGrid> grid, Tolerance tolerance, boolean writesEveryOutput) {

    static Builder named(String name) { return new Builder(name); }

    List<KernelArg> makeArgs(long seed) { return inputs.apply(new Random(seed)); }

    @Override public String toString() { return name; }

    static final class Builder {
        private final String name;
        private TaskFunction kernel;
        private Function<Random, List<KernelArg>> inputs;
        private Supplier<WorkerGrid> grid = () -> null;
        private Tolerance tolerance = Tolerance.ARITHMETIC;
        private boolean writesEveryOutput = true;

        private Builder(String name) { this.name = name; }

        <A> Builder kernel(Tasks.Task1<A> k) { kernel = k; return this; }
        <A, B> Builder kernel(Tasks.Task2<A, B> k) { kernel = k; return this; }
        <A, B, C> Builder kernel(Tasks.Task3<A, B, C> k) { kernel = k; return this; }
        <A, B, C, D> Builder kernel(Tasks.Task4<A, B, C, D> k) { kernel = k; return this; }
        <A, B, C, D, E> Builder kernel(Tasks.Task5<A, B, C, D, E> k) { kernel = k; return this; }
        <A, B, C, D, E, F> Builder kernel(Tasks.Task6<A, B, C, D, E, F> k) { kernel = k; return this; }
        <A, B, C, D, E, F, G> Builder kernel(Tasks.Task7<A, B, C, D, E, F, G> k) { kernel = k; return this; }

        /** The argument list, built from the Random; must be deterministic in the Random. */
        Builder inputs(Function<Random, List<KernelArg>> f) { inputs = f; return this; }

        /** A fresh grid per run (grids are mutable). */
        Builder grid(Supplier<WorkerGrid> g) { grid = g; return this; }

        Builder tolerance(Tolerance t) { tolerance = t; return this; }

        /** For kernels whose bound leaves part of an output untouched on purpose (then the poison must survive on both sides). */
        Builder leavesPartOfOutputUnwritten() { writesEveryOutput = false; return this; }

        ConformanceCase build() {
            return new ConformanceCase(name, Objects.requireNonNull(kernel, name + ": kernel"),
                    Objects.requireNonNull(inputs, name + ": inputs"), grid, tolerance, writesEveryOutput);
        }
    }
}
