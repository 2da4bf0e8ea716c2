package uk.ac.manchester.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the array a {@code @Parallel} loop reduces into ({@code result.set(0, result.get(0) + x)}).
 * Part of trm4j's TornadoVM bridge, not TornadoVM. The result equals the sequential Java loop's on every backend.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.PARAMETER})
public @interface Reduce {}
