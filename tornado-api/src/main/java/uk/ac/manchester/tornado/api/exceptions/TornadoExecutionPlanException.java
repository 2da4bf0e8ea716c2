package uk.ac.manchester.tornado.api.exceptions;

/** An execution plan could not be used or closed. Unchecked, so that code written either way compiles. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class TornadoExecutionPlanException extends RuntimeException {
    public TornadoExecutionPlanException(String message) { super(message); }

    public TornadoExecutionPlanException(String message, Throwable cause) { super(message, cause); }
}
