package uk.ac.manchester.tornado.api.enums;

/** How the profiler reports: printed after each execution (CONSOLE) or only kept in the result (SILENT). Part of trm4j's TornadoVM bridge, not TornadoVM. */
public enum ProfilerMode { CONSOLE, SILENT }
