package org.trm4j.api;

/** When a graph copies an array between host and device (TornadoVM's meaning). */
public enum DataTransferMode {
    /** Copied on the first execution of the plan only; the device copy stays resident afterwards. */
    FIRST_EXECUTION,
    /** Copied on every execution. */
    EVERY_EXECUTION,
    /** Only copied when the program asks for it (ExecutionResult.transferToHost). */
    UNDER_DEMAND
}
