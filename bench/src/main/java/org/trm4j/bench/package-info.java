/** JMH benchmarks and the report comparing backends, OpenBLAS and the PyTorch reference. */
package org.trm4j.bench;
