package org.trm4j.jit.spirv;

/** spirv-val rejected a module: the message holds the validator's words and the disassembly. */
public final class InvalidSpirvException extends RuntimeException {
    private final String validatorOutput;

    public InvalidSpirvException(String message, String validatorOutput) {
        super(message);
        this.validatorOutput = validatorOutput;
    }

    /** What spirv-val printed. */
    public String validatorOutput() { return validatorOutput; }
}
