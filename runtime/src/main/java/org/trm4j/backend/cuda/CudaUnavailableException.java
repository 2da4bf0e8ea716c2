package org.trm4j.backend.cuda;

/** The CUDA driver cannot be used on this machine (no library, missing symbols, no device); the message says why. */
public final class CudaUnavailableException extends RuntimeException {
    public CudaUnavailableException(String reason) { super(reason); }
}
