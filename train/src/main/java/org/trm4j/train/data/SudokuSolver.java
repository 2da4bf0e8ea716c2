package org.trm4j.train.data;

import java.util.random.RandomGenerator;

/**
 * An exact Sudoku solver: depth-first search over bit-mask candidates. At each node a hidden single (a digit with one
 * place left in a row, column or box) is placed first; otherwise it branches on the cell with the fewest candidates.
 * It counts solutions up to a limit (2 answers "is it unique?") and measures its effort as the number of dead ends
 * met, the difficulty rating of puzzles it solves or generates.
 */
public final class SudokuSolver {
    /** What a search found: the number of solutions (capped at the limit), the first one, and the dead ends met. */
    public record Result(int solutions, int[] first, long deadEnds) {
        /** Whether exactly one solution exists (the search ran with a limit of at least 2). */
        public boolean unique() { return solutions == 1; }
    }

    private final SudokuShape shape;
    private final int n, all;
    private final int[] grid, rowUsed, colUsed, boxUsed, cellBox;
    private final int[][] units;
    private final RandomGenerator random;
    private int[] first;
    private int found, limit;
    private long deadEnds;

    private SudokuSolver(SudokuShape shape, int[] puzzle, RandomGenerator random) {
        this.shape = shape;
        this.n = shape.n();
        this.all = ((1 << n) - 1) << 1;
        this.grid = puzzle.clone();
        this.rowUsed = new int[n];
        this.colUsed = new int[n];
        this.boxUsed = new int[n];
        this.cellBox = new int[n * n];
        this.random = random;
        for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) cellBox[r * n + c] = shape.box(r, c);
        units = new int[3 * n][n];
        int[] fill = new int[3 * n];
        for (int i = 0; i < n * n; i++) {
            units[i / n][fill[i / n]++] = i;
            units[n + i % n][fill[n + i % n]++] = i;
            units[2 * n + cellBox[i]][fill[2 * n + cellBox[i]]++] = i;
        }
    }

    /** Solves {@code puzzle} (digits, 0 = blank), counting up to {@code limit} solutions. */
    public static Result solve(int[] puzzle, SudokuShape shape, int limit) {
        return new SudokuSolver(shape, puzzle, null).run(limit);
    }

    /** As {@link #solve} but trying digits in random order (to make random full grids). */
    static Result solveRandomly(int[] puzzle, SudokuShape shape, int limit, RandomGenerator random) {
        return new SudokuSolver(shape, puzzle, random).run(limit);
    }

    private Result run(int limit) {
        if (grid.length != shape.cells()) throw new IllegalArgumentException(grid.length + " cells for a " + shape.label() + " board");
        this.limit = limit;
        for (int i = 0; i < grid.length; i++) {
            int v = grid[i];
            if (v == 0) continue;
            if (v < 0 || v > n) throw new IllegalArgumentException("digit " + v + " at position " + (i + 1) + " on a " + shape.label() + " board");
            int bit = 1 << v, r = i / n, c = i % n, b = cellBox[i];
            if (((rowUsed[r] | colUsed[c] | boxUsed[b]) & bit) != 0) return new Result(0, null, 0); // givens contradict
            rowUsed[r] |= bit;
            colUsed[c] |= bit;
            boxUsed[b] |= bit;
        }
        search();
        return new Result(found, first, deadEnds);
    }

    private boolean search() {
        int best = -1, bestMask = 0, bestCount = Integer.MAX_VALUE;
        for (int i = 0; i < grid.length; i++) {
            if (grid[i] != 0) continue;
            int m = all & ~(rowUsed[i / n] | colUsed[i % n] | boxUsed[cellBox[i]]);
            int k = Integer.bitCount(m);
            if (k < bestCount) {
                best = i;
                bestMask = m;
                bestCount = k;
                if (k <= 1) break;
            }
        }
        if (best < 0) {
            if (found++ == 0) first = grid.clone();
            return found >= limit;
        }
        if (bestCount == 0) {
            deadEnds++;
            return false;
        }
        if (bestCount > 1) {
            // Hidden singles: a digit with exactly one place in a unit is forced there; with none, this is a dead end.
            for (int[] unit : units) {
                int once = 0, twice = 0, used = 0;
                for (int i : unit) {
                    if (grid[i] != 0) { used |= 1 << grid[i]; continue; }
                    int m = all & ~(rowUsed[i / n] | colUsed[i % n] | boxUsed[cellBox[i]]);
                    twice |= once & m;
                    once |= m;
                }
                if ((all & ~used & ~once) != 0) {
                    deadEnds++;
                    return false;
                }
                int single = once & ~twice;
                if (single != 0) {
                    int bit = Integer.lowestOneBit(single);
                    for (int i : unit) {
                        if (grid[i] == 0 && ((all & ~(rowUsed[i / n] | colUsed[i % n] | boxUsed[cellBox[i]])) & bit) != 0) {
                            best = i;
                            bestMask = bit;
                            bestCount = 1;
                            break;
                        }
                    }
                    break;
                }
            }
        }
        int r = best / n, c = best % n, b = cellBox[best];
        int[] digits = new int[bestCount];
        for (int m = bestMask, k = 0; m != 0; m &= m - 1) digits[k++] = Integer.numberOfTrailingZeros(m);
        if (random != null) {
            for (int k = digits.length - 1; k > 0; k--) {
                int j = random.nextInt(k + 1), t = digits[k];
                digits[k] = digits[j];
                digits[j] = t;
            }
        }
        for (int d : digits) {
            int bit = 1 << d;
            grid[best] = d;
            rowUsed[r] |= bit;
            colUsed[c] |= bit;
            boxUsed[b] |= bit;
            boolean stop = search();
            grid[best] = 0;
            rowUsed[r] &= ~bit;
            colUsed[c] &= ~bit;
            boxUsed[b] &= ~bit;
            if (stop) return true;
        }
        return false;
    }
}
