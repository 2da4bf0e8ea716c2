package uk.ac.manchester.tornado.api.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a loop variable whose iterations are independent: {@code for (@Parallel int i = 0; i < n; i++)}.
 * Part of trm4j's TornadoVM bridge (TornadoVM's API over trm4j), not TornadoVM; trm4j's JIT reads it like org.trm4j.api.Parallel.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE_USE, ElementType.LOCAL_VARIABLE})
public @interface Parallel {}
