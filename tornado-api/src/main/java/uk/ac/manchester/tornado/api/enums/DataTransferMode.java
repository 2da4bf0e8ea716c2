package uk.ac.manchester.tornado.api.enums;

/**
 * When a task graph copies data between host and device; TornadoVM passes these as {@code int}.
 * Part of trm4j's TornadoVM bridge, not TornadoVM.
 */
public final class DataTransferMode {
    private DataTransferMode() {}

    /** Copied on the first execution of a plan only. */
    public static final int FIRST_EXECUTION = 0;
    /** Copied on every execution. */
    public static final int EVERY_EXECUTION = 1;
    /** Copied to the host only when the program asks (TornadoExecutionResult.transferToHost). */
    public static final int UNDER_DEMAND = 2;

    /** trm4j's mode for one of these constants; an unknown value is an error naming it. */
    public static org.trm4j.api.DataTransferMode toTrm4j(int mode) {
        return switch (mode) {
            case FIRST_EXECUTION -> org.trm4j.api.DataTransferMode.FIRST_EXECUTION;
            case EVERY_EXECUTION -> org.trm4j.api.DataTransferMode.EVERY_EXECUTION;
            case UNDER_DEMAND -> org.trm4j.api.DataTransferMode.UNDER_DEMAND;
            default -> throw new IllegalArgumentException("unknown DataTransferMode " + mode
                    + " (FIRST_EXECUTION=0, EVERY_EXECUTION=1, UNDER_DEMAND=2)");
        };
    }
}
