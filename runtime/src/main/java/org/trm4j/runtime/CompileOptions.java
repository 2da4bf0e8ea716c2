package org.trm4j.runtime;

/**
 * How a kernel is compiled for a device, beyond its bytecode; part of the kernel cache's key.
 *
 * @param relaxedMath contract float multiply-adds into fused multiply-adds (one rounding instead of two): faster
 *                    (a matmul's peak doubles), no longer bit-identical to Java. Strict by default.
 * @param boundsChecks every array access checked, the first violation thrown as Java would (slower; for finding bugs)
 */
public record CompileOptions(boolean relaxedMath, boolean boundsChecks) {
    public static final CompileOptions STRICT = new CompileOptions(false, false);
    public static final CompileOptions RELAXED = new CompileOptions(true, false);
}
