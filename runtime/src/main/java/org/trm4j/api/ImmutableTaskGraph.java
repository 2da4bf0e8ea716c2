package org.trm4j.api;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** A frozen {@link TaskGraph}, ready for an {@link ExecutionPlan}. */
public final class ImmutableTaskGraph {
    private final String name;
    private final List<TaskGraph.Step> steps;
    private final boolean relaxedMath;

    ImmutableTaskGraph(String name, List<TaskGraph.Step> steps, boolean relaxedMath) {
        this.name = name;
        this.steps = steps;
        this.relaxedMath = relaxedMath;
    }

    /** Whether the graph asked for {@link TaskGraph#withRelaxedMath() relaxed maths}. */
    public boolean relaxedMath() { return relaxedMath; }

    public String getTaskGraphName() { return name; }

    public List<TaskGraph.Step> steps() { return steps; }

    /** Bytes of every distinct array the graph transfers or passes to a task: what a device holds to run it. */
    public long arrayBytes() {
        Set<NativeArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        long bytes = 0;
        for (TaskGraph.Step s : steps) {
            List<?> arrays = switch (s) {
                case TaskGraph.Transfer t -> t.arrays();
                case TaskGraph.Task t -> t.args();
                case TaskGraph.Persist p -> p.arrays();
                case TaskGraph.Consume c -> c.arrays();
            };
            for (Object o : arrays) if (o instanceof NativeArray a && seen.add(a)) bytes += a.getNumBytes();
        }
        return bytes;
    }
}
