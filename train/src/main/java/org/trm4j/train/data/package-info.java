/**
 * Data sets for TRM: the on-disk format ({@link org.trm4j.train.data.DataSet}, {@link org.trm4j.train.data.DataSetWriter}),
 * and per task the reference's token encodings, loaders, generators and augmentations (Sudoku, maze, ARC-AGI).
 *
 * <p>Token encodings follow the reference's dataset builders exactly: Sudoku PAD 0, blank 1, digits 2..n+1 (vocab 11);
 * maze PAD 0 then {@code # SGo} = 1..5 (vocab 6); ARC PAD 0, EOS 1, colours 2..11 (vocab 12) on a 30x30 canvas.
 * Labels that carry no loss (the reference's {@code ignore_label_id} 0, i.e. PAD) are stored as
 * {@link org.trm4j.kernels.Losses#IGNORE} (-100), as the reference's loader hands them to the model.
 */
package org.trm4j.train.data;
