package org.trm4j.api;

/**
 * An object that kernels use like an array and whose data is one off-heap array (e.g. the TornadoVM bridge's
 * VectorFloat4, stored flat). Transfers move {@link #storage()}; device kernels get the storage, the java backend the
 * object itself. The JIT must know the class (see the front end's ApiNames table).
 */
public interface ArrayView {
    /** The array holding the data. */
    NativeArray storage();
}
