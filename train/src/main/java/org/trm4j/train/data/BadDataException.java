package org.trm4j.train.data;

import java.io.IOException;

/** Input that cannot be used as data (wrong length, unknown characters, no solution...); the message names where and what. */
public final class BadDataException extends IOException {
    public BadDataException(String message) { super(message); }

    public BadDataException(String message, Throwable cause) { super(message, cause); }
}
