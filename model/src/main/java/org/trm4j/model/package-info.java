/**
 * TRM configs and presets, parameters and their initialisation, checkpoints (the step graph is in
 * {@code org.trm4j.model.graph}).
 *
 * <ul>
 * <li>{@link org.trm4j.model.TrmConfig} (record, validated) and {@link org.trm4j.model.Presets}: sudoku-mlp, maze-att,
 *     arc-att, small-mlp, small-att, tiny-mlp, tiny-att.</li>
 * <li>{@link org.trm4j.model.ParameterSpec} / {@link org.trm4j.model.TensorSpec}: every tensor of a config with the
 *     reference's state-dict name ({@code model.inner....}), shape, role (AdamATan2 / sign-SGD / buffer) and init.</li>
 * <li>{@link org.trm4j.model.Parameters}: one off-heap FloatArray per tensor, {@code init(seed)} with
 *     {@link org.trm4j.model.TruncatedNormal}, AdamATan2 state and EMA on request.</li>
 * <li>{@link org.trm4j.model.Safetensors} and {@link org.trm4j.model.Checkpoint}: the file format, and whole
 *     checkpoints (weights, optimizer state, EMA) written atomically.</li>
 * <li>{@code trm model info --preset NAME} / {@code trm model presets} ({@code org.trm4j.model.cli}).</li>
 * </ul>
 */
package org.trm4j.model;
