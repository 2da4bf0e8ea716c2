package org.trm4j.infer.show;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Function;

import org.trm4j.infer.ExampleResult;

import com.fasterxml.jackson.databind.node.ArrayNode;

/** The answer after every supervision step with its Q-halt logit, so the recursion is visible (text or JSON). */
public final class Steps {
    private Steps() {}

    /** Prints each step's header line and its board ({@code board} renders a step's predicted tokens). */
    public static void print(PrintWriter out, ExampleResult r, Function<int[], String> board) {
        int[] prev = null;
        for (int k = 0; k < r.preds().length; k++) {
            int[] p = r.preds()[k];
            int changed = 0;
            if (prev != null) for (int j = 0; j < p.length; j++) if (p[j] != prev[j]) changed++;
            out.printf(Locale.ROOT, "step %d: q_halt %+.3f (%s)%s%n", k + 1, r.qHalt()[k], r.qHalt()[k] > 0 ? "would halt" : "continue",
                    prev == null ? "" : ", " + changed + " cells changed");
            out.print(board.apply(p));
            prev = p;
        }
    }

    /** Adds {"step", "answer", "q_halt"} per step to {@code arr} ({@code answer} renders a step's tokens as text). */
    public static void json(ArrayNode arr, ExampleResult r, Function<int[], String> answer) {
        for (int k = 0; k < r.preds().length; k++)
            arr.addObject().put("step", k + 1).put("answer", answer.apply(r.preds()[k])).put("q_halt", r.qHalt()[k]);
    }
}
