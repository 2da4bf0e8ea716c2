package org.trm4j.api;

/**
 * An array index out of range in a kernel, reported the same way on every device: the kernel, the
 * array (its parameter or local array name), the index and the array's length. The java backend
 * throws it where the access happens; device backends throw it after the launch when the kernel was
 * compiled with bounds checks ({@code -Dtrm.checkBounds=true}), since a GPU cannot throw.
 */
public final class KernelIndexOutOfBoundsException extends ArrayIndexOutOfBoundsException {
    private final String kernel, array;
    private final int index, length;
    /** The host array that was indexed, while the java backend has not yet named it. */
    private final transient NativeArray origin;

    private KernelIndexOutOfBoundsException(String kernel, String array, int index, int length, NativeArray origin) {
        super(message(kernel, array, index, length));
        this.kernel = kernel;
        this.array = array;
        this.index = index;
        this.length = length;
        this.origin = origin;
    }

    /** An access of {@code origin} by Java code, before anyone knows the kernel and the array's name there. */
    public static KernelIndexOutOfBoundsException of(NativeArray origin, int index, int length) {
        return new KernelIndexOutOfBoundsException(null, null, index, length, origin);
    }

    /** A violation a device reported for {@code array} of {@code kernel} ("Class.method"). */
    public static KernelIndexOutOfBoundsException in(String kernel, String array, int index, int length) {
        return new KernelIndexOutOfBoundsException(kernel, array, index, length, null);
    }

    /** This violation, attributed to {@code array} of {@code kernel}. */
    public KernelIndexOutOfBoundsException in(String kernel, String array) {
        KernelIndexOutOfBoundsException e = new KernelIndexOutOfBoundsException(kernel, array, index, length, null);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** "kernel K: array A: Index I out of bounds for length N" (the last part is Java's own wording). */
    private static String message(String kernel, String array, int index, int length) {
        String java = "Index " + index + " out of bounds for length " + length;
        return kernel == null ? java : "kernel " + kernel + ": array " + array + ": " + java;
    }

    /** "Class.method" of the kernel, or null for an access outside a launch. */
    public String kernel() { return kernel; }
    public String array() { return array; }
    public int index() { return index; }
    public int length() { return length; }
    /** The host array indexed (java backend only), or null. */
    public NativeArray origin() { return origin; }
}
