package org.trm4j.kernels;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.Parallel;

/**
 * The ACT batch carry (TRM-SPEC.md section 4): slot reset before a supervision step, halting after it.
 *
 * <p>Layouts: per slot b of B: {@code halted}, {@code steps}, {@code puzzleIds} int [B] (halted 0/1);
 * {@code inputs}, {@code labels} int [B, seqLen]; {@code zH}, {@code zL} float [B, len, D];
 * {@code hInit}, {@code lInit} float [D]; the fresh batch {@code newInputs}, {@code newLabels} [B, seqLen],
 * {@code newPuzzleIds} [B]; {@code q} [B, 2] (column 0 = halt logit); {@code minHaltSteps} int [B]
 * drawn by the host each step (0 when the slot does not explore, else uniform in 2..halt_max_steps).
 * <pre>
 *   resetData   if halted[b]: inputs[b] = newInputs[b], labels[b] = newLabels[b],
 *                             puzzleIds[b] = newPuzzleIds[b], steps[b] = 0
 *   resetState  if halted[b]: zH[b, p] = hInit, zL[b, p] = lInit for every position p
 *   halt        steps[b] += 1
 *               halted[b] = steps >= maxSteps || (training && q[b, 0] > 0 && steps >= minHaltSteps[b])
 * </pre>
 * Run resetData and resetState (both read halted) before the step, halt after it.
 *
 * <table>
 * <caption>Kernels (all @Parallel: no grid needed)</caption>
 * <tr><td>resetData(halted, newInputs, newLabels, newPuzzleIds, inputs, labels, puzzleIds, steps, batch, seqLen)</td><td></td></tr>
 * <tr><td>resetState(halted, zH, zL, hInit, lInit, batch, len, dim)</td><td></td></tr>
 * <tr><td>halt(steps, halted, q, minHaltSteps, batch, maxSteps, training)</td><td>training: 1 or 0</td></tr>
 * </table>
 */
public final class ActCarry {
    private ActCarry() {}

    /** Halted slots take the new batch's example; their step counters restart at 0. */
    public static void resetData(IntArray halted, IntArray newInputs, IntArray newLabels, IntArray newPuzzleIds,
                                 IntArray inputs, IntArray labels, IntArray puzzleIds, IntArray steps, int batch, int seqLen) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int s = 0; s < seqLen; s++) {
                if (halted.get(b) != 0) {
                    int at = b * seqLen + s;
                    inputs.set(at, newInputs.get(at));
                    labels.set(at, newLabels.get(at));
                    if (s == 0) {
                        puzzleIds.set(b, newPuzzleIds.get(b));
                        steps.set(b, 0);
                    }
                }
            }
        }
    }

    /** Halted slots restart from H_init / L_init broadcast over positions. */
    public static void resetState(IntArray halted, FloatArray zH, FloatArray zL, FloatArray hInit, FloatArray lInit,
                                  int batch, int len, int dim) {
        for (@Parallel int b = 0; b < batch; b++) {
            for (@Parallel int p = 0; p < len; p++) {
                for (@Parallel int d = 0; d < dim; d++) {
                    if (halted.get(b) != 0) {
                        int at = (b * len + p) * dim + d;
                        zH.set(at, hInit.get(d));
                        zL.set(at, lInit.get(d));
                    }
                }
            }
        }
    }

    /** steps += 1; halted = steps >= maxSteps || (training != 0 && q_halt > 0 && steps >= minHaltSteps). */
    public static void halt(IntArray steps, IntArray halted, FloatArray q, IntArray minHaltSteps, int batch, int maxSteps, int training) {
        for (@Parallel int b = 0; b < batch; b++) {
            int s = steps.get(b) + 1;
            steps.set(b, s);
            boolean h = s >= maxSteps;
            if (training != 0 && q.get(2 * b) > 0.0f && s >= minHaltSteps.get(b)) h = true;
            halted.set(b, h ? 1 : 0);
        }
    }
}
