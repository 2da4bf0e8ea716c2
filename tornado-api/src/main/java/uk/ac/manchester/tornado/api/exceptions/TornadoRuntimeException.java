package uk.ac.manchester.tornado.api.exceptions;

/** The runtime could not do what was asked (bad device index, unknown task...). Unchecked, so that code written either way compiles. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class TornadoRuntimeException extends RuntimeException {
    public TornadoRuntimeException(String message) { super(message); }

    public TornadoRuntimeException(String message, Throwable cause) { super(message, cause); }
}
