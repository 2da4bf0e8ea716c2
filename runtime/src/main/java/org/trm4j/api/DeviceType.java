package org.trm4j.api;

/** Kind of compute device. */
public enum DeviceType { CPU, GPU, ACCELERATOR, JVM, OTHER }
