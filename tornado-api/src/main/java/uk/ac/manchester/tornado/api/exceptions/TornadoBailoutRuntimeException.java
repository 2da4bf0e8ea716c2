package uk.ac.manchester.tornado.api.exceptions;

/** A kernel uses something the JIT cannot compile; the message names it. Unchecked, so that code written either way compiles. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class TornadoBailoutRuntimeException extends RuntimeException {
    public TornadoBailoutRuntimeException(String message) { super(message); }

    public TornadoBailoutRuntimeException(String message, Throwable cause) { super(message, cause); }
}
