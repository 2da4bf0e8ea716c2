package org.trm4j.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Assigns launch grids to tasks by "graphName.taskId" (TornadoVM's GridScheduler). */
public final class GridScheduler {
    private final Map<String, WorkerGrid> grids = new LinkedHashMap<>();

    public GridScheduler() {}

    public GridScheduler(String taskName, WorkerGrid grid) { addWorkerGrid(taskName, grid); }

    public GridScheduler addWorkerGrid(String taskName, WorkerGrid grid) {
        if (!taskName.contains("."))
            throw new IllegalArgumentException("task name must be \"graph.task\", got \"" + taskName + "\"");
        grids.put(taskName, grid);
        return this;
    }

    /** The grid for "graph.task", or null when the runtime chooses. */
    public WorkerGrid get(String taskName) { return grids.get(taskName); }

    public boolean contains(String taskName) { return grids.containsKey(taskName); }
}
