/**
 * TRM's compute kernels, forward and backward side by side, as plain Java kernel methods that the
 * trm4j runtime JIT-compiles for devices and runs as-is on the java backend.
 */
package org.trm4j.kernels;
