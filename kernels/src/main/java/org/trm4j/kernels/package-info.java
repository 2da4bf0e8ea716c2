/**
 * TRM's compute kernels, forward and backward side by side, as plain Java kernel methods that the
 * trm4j runtime JIT-compiles for devices and runs as-is on the java backend. float32 data throughout
 * (losses and long reductions accumulate in double inside the kernels).
 *
 * <p>Fixed layouts (the step graph relies on them):
 * <ul>
 * <li>activations row-major [B, L, D]: B*L rows of D floats (L = 16 prefix positions + tokens);</li>
 * <li>linear weights in PyTorch layout [out, in] row-major, y[r, o] = sum_i x[r, i] W[o, i] (+ bias[o]);
 *     weight/embedding gradients ACCUMULATE (the caller zeroes them), activation gradients are
 *     written unless a kernel says otherwise ({@link org.trm4j.kernels.Linear#backwardInput} has an
 *     accumulate flag);</li>
 * <li>qkv_proj output [B*L, 3*H*hd], per row [q heads | k heads | v heads]; attention output [B*L, H*hd];</li>
 * <li>SwiGLU gate_up_proj output [rows, 2*inter] = [gate | up] per row;</li>
 * <li>logits [B, len, V] (the loss kernels skip the len - seqLen prefix rows), labels [B, seqLen] with
 *     IGNORE = -100; q_head output [B, 2] (column 0 = halt);</li>
 * <li>ACT carry per slot: int flags/counters [B], z_H/z_L [B, L, D], H_init/L_init [D].</li>
 * </ul>
 * Files: {@link org.trm4j.kernels.Linear}, {@link org.trm4j.kernels.Embedding}, {@link org.trm4j.kernels.RmsNorm}
 * (+ transposes), {@link org.trm4j.kernels.SwiGlu}, {@link org.trm4j.kernels.Rope}, {@link org.trm4j.kernels.Attention},
 * {@link org.trm4j.kernels.Elementwise}, {@link org.trm4j.kernels.Losses} (+ metrics),
 * {@link org.trm4j.kernels.Optimizers}, {@link org.trm4j.kernels.ActCarry}; launch grids of the KernelContext
 * kernels: {@link org.trm4j.kernels.Grids}. Every other kernel is {@code @Parallel} with scalar or
 * array-size loop bounds, so the runtime sizes its grid (no GridScheduler entry needed).
 */
package org.trm4j.kernels;
