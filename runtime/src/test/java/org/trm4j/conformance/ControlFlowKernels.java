package org.trm4j.conformance;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/** Branches, ternaries at merges, loops of every form, break/continue (labelled too), helper calls. */
public final class ControlFlowKernels {
    private ControlFlowKernels() {}

    /** An if / else-if / else chain with compound conditions. */
    public static void ifElseChain(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int v = a.get(i);
            int r;
            if (v < -500) {
                r = v * 2;
            } else if (v < 0 && (v & 3) == 1) {
                r = -v;
            } else if (v == 0) {
                r = 12345;
            } else if (v > 500 || (v & 7) == 0) {
                r = v / 3;
            } else {
                r = v + 1;
            }
            out.set(i, r);
        }
    }

    /** The ternary's value is left on the operand stack at the merge and then used: (a > 0 ? a : -a) * 2. */
    public static void ternaryAtMerge(FloatArray a, FloatArray c) {
        for (@Parallel int i = 0; i < c.getSize(); i++) {
            c.set(i, (a.get(i) > 0 ? a.get(i) : -a.get(i)) * 2);
        }
    }

    /** Nested ternaries, and a ternary passed straight on as a method argument. */
    public static void nestedTernary(IntArray a, IntArray b, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int x = a.get(i);
            int y = b.get(i);
            int r = x > y ? (x > 0 ? x : -x) : (y > 0 ? y * 2 : (x < -5 ? 7 : 9));
            out.set(i, Math.max(x > 0 ? x : 0, r) + (y == 0 ? 1 : x % y == 0 ? 2 : 3));
        }
    }

    /** A serial for loop inside the parallel loop, bounded by a scalar parameter. */
    public static void forLoopPolynomial(FloatArray x, FloatArray coefficients, FloatArray out, int degree) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float v = x.get(i);
            float acc = 0;
            for (int k = degree; k >= 0; k--) {
                acc = acc * v + coefficients.get(k);
            }
            out.set(i, acc);
        }
    }

    /** A while loop with a data-dependent trip count (Collatz steps, capped). */
    public static void whileCollatz(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int v = a.get(i);
            int steps = 0;
            while (v != 1 && steps < 300) {
                v = (v & 1) == 0 ? v / 2 : 3 * v + 1;
                steps++;
            }
            out.set(i, steps);
        }
    }

    /** A do-while loop that runs at least once (decimal digit sum, also of 0 and negatives). */
    public static void doWhileDigitSum(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int v = a.get(i);
            int sum = 0;
            int rounds = 0;
            do {
                sum += v % 10;
                v /= 10;
                rounds++;
            } while (v != 0);
            out.set(i, sum * 100 + rounds);
        }
    }

    /** continue and break in a serial loop. */
    public static void breakContinue(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int seed = a.get(i);
            int acc = 0;
            for (int k = 0; k < 64; k++) {
                int v = (seed >>> k) & 7;
                if (v == 3) continue;
                if (v == 7 && k > 20) break;
                acc += v * k;
            }
            out.set(i, acc);
        }
    }

    /** break outer / continue outer out of nested serial loops. */
    public static void labelledBreakContinue(IntArray a, IntArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            int seed = a.get(i);
            int acc = 0;
            outer:
            for (int r = 0; r < 16; r++) {
                for (int c = 0; c < 16; c++) {
                    int cell = (seed * (r * 16 + c + 1)) >>> 27;
                    if (cell == 5) continue outer;
                    if (cell == 31 && r > 2) break outer;
                    if (cell > 20) break;
                    acc += cell + r;
                }
                acc ^= r;
            }
            out.set(i, acc);
        }
    }

    /** A serial while(true) loop left only by break, with a return-less exit flag. */
    public static void loopUntilThreshold(FloatArray a, IntArray out, float threshold) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            float v = Math.abs(a.get(i)) + 0.001f;
            int n = 0;
            while (true) {
                v = v * 1.5f;
                n++;
                if (v > threshold || n >= 200) break;
            }
            out.set(i, n);
        }
    }

    /** Static helper calls (inlined), including a helper that calls a helper and one with several returns. */
    public static void helperCalls(FloatArray x, IntArray a, FloatArray out) {
        for (@Parallel int i = 0; i < out.getSize(); i++) {
            out.set(i, KernelHelpers.clampedSquare(x.get(i)) + KernelHelpers.classify(a.get(i)));
        }
    }
}
