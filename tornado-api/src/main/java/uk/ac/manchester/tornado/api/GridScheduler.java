package uk.ac.manchester.tornado.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** Which {@link WorkerGrid} each task ("graph.task") launches with. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class GridScheduler {
    private final Map<String, WorkerGrid> grids = new LinkedHashMap<>();

    public GridScheduler() {}

    public GridScheduler(String taskName, WorkerGrid workerGrid) { addWorkerGrid(taskName, workerGrid); }

    /** Sets the grid of task {@code taskName} ("graph.task"). */
    public void addWorkerGrid(String taskName, WorkerGrid workerGrid) { grids.put(taskName, workerGrid); }

    /** Same as {@link #addWorkerGrid}. */
    public void setWorkerGrid(String taskName, WorkerGrid workerGrid) { addWorkerGrid(taskName, workerGrid); }

    public WorkerGrid get(String taskName) { return grids.get(taskName); }

    public boolean contains(String taskName) { return grids.containsKey(taskName); }

    /** trm4j's scheduler with the grids as they are now (grids are mutable until a plan executes). */
    public org.trm4j.api.GridScheduler trm4jScheduler() {
        org.trm4j.api.GridScheduler s = new org.trm4j.api.GridScheduler();
        grids.forEach((task, grid) -> s.addWorkerGrid(task, grid.trm4jGrid()));
        return s;
    }
}
