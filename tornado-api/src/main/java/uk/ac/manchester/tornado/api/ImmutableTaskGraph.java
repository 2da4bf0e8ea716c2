package uk.ac.manchester.tornado.api;

/** A frozen {@link TaskGraph}, ready for a {@link TornadoExecutionPlan}. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public final class ImmutableTaskGraph {
    private final org.trm4j.api.ImmutableTaskGraph graph;

    ImmutableTaskGraph(org.trm4j.api.ImmutableTaskGraph graph) { this.graph = graph; }

    /** The trm4j graph this stands for. */
    public org.trm4j.api.ImmutableTaskGraph trm4jGraph() { return graph; }

    public String getTaskGraphName() { return graph.getTaskGraphName(); }
}
