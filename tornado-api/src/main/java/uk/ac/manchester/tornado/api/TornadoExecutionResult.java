package uk.ac.manchester.tornado.api;

import org.trm4j.api.ExecutionResult;

/** What one execution returns: its profile, and copies to the host on demand. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class TornadoExecutionResult {
    private final ExecutionResult result;

    TornadoExecutionResult(ExecutionResult result) { this.result = result; }

    public TornadoProfilerResult getProfilerResult() { return new TornadoProfilerResult(result.getProfilerResult()); }

    /** Copies {@code objects} (declared UNDER_DEMAND, or any array the plan uses) back to the host now. */
    public TornadoExecutionResult transferToHost(Object... objects) {
        result.transferToHost(objects);
        return this;
    }

    /** Executions are synchronous here: always true. */
    public boolean isReady() { return true; }
}
