package org.trm4j.api;

import java.util.List;

/** A frozen {@link TaskGraph}, ready for an {@link ExecutionPlan}. */
public final class ImmutableTaskGraph {
    private final String name;
    private final List<TaskGraph.Step> steps;

    ImmutableTaskGraph(String name, List<TaskGraph.Step> steps) {
        this.name = name;
        this.steps = steps;
    }

    public String getTaskGraphName() { return name; }

    public List<TaskGraph.Step> steps() { return steps; }
}
