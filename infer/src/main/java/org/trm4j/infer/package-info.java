/** Solving, evaluation, ARC voting, checkpoint conversion and the demo: {@code trm solve}, {@code trm eval}, {@code trm convert}, {@code trm demo}. */
package org.trm4j.infer;
