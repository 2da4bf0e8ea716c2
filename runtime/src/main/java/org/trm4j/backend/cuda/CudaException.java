package org.trm4j.backend.cuda;

/** A CUDA driver call failed: names the call and the CUresult (number and name, e.g. CUDA_ERROR_OUT_OF_MEMORY). */
public class CudaException extends RuntimeException {
    private final String call;
    private final int code;

    public CudaException(String call, int code, String codeName, String detail) {
        super(call + " failed: " + codeName + " (" + code + ")" + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.call = call;
        this.code = code;
    }

    private CudaException(CudaException cause, String context) {
        super(context + ": " + cause.getMessage(), cause);
        this.call = cause.call;
        this.code = cause.code;
    }

    /** The same failure, its message led by {@code context} (which task, which launch). */
    public CudaException in(String context) { return new CudaException(this, context); }

    public String call() { return call; }

    public int code() { return code; }
}
