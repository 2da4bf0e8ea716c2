package uk.ac.manchester.tornado.api.exceptions;

/** A member of TornadoVM's API that this bridge does not offer was used; the message names it. Unchecked, so that code written either way compiles. Part of trm4j's TornadoVM bridge, not TornadoVM. */
public class TornadoAPIException extends RuntimeException {
    public TornadoAPIException(String message) { super(message); }

    public TornadoAPIException(String message, Throwable cause) { super(message, cause); }
}
