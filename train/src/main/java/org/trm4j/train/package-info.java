/** Data sets (Sudoku, maze, ARC), augmentation, the ACT trainer and {@code trm train}/{@code trm data}. */
package org.trm4j.train;
