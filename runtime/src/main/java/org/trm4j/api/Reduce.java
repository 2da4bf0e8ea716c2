package org.trm4j.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the array a {@code @Parallel} loop reduces into, as in TornadoVM: {@code r.set(c, r.get(c) OP x)} with OP
 * one of +, *, Math.min, Math.max on int, long, float or double becomes a parallel reduction on every backend
 * (per-group partials, then a fold into {@code r[c]} starting from its value on entry). A loop of another shape
 * that writes a @Reduce array runs on one work-item, so its result is still the sequential loop's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.PARAMETER})
public @interface Reduce {}
