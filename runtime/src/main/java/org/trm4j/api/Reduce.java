package org.trm4j.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the output array of a reduction, as in TornadoVM. In trm4j a @Reduce kernel must combine
 * its partial results itself (local memory + barriers, or atomics); the annotation documents intent
 * and lets the runtime check that the array is written.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.PARAMETER})
public @interface Reduce {}
