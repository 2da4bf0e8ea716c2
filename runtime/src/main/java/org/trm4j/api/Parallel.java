package org.trm4j.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a loop induction variable whose iterations are independent: {@code for (@Parallel int i = 0; i < n; i++)}.
 * Up to three nested @Parallel loops map to grid dimensions x, y, z in order of nesting.
 * It is a type-use annotation so that javac keeps it in the Code attribute (no -g needed).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.LOCAL_VARIABLE})
public @interface Parallel {}
