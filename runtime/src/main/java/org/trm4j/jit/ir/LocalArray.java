package org.trm4j.jit.ir;

/** A work-group local (shared) array of constant length, from KernelContext.allocate*LocalArray. */
public record LocalArray(String name, Type elementType, int length) implements ArrayRef {}
