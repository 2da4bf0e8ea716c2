package org.trm4j.infer.cli;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.trm4j.api.Device;
import org.trm4j.infer.ExampleResult;
import org.trm4j.infer.LoadedModel;
import org.trm4j.infer.arc.ArcEvaluation;
import org.trm4j.infer.show.ArcShow;
import org.trm4j.infer.show.SideBySide;
import org.trm4j.infer.show.Steps;
import org.trm4j.train.data.ArcAugmentation;
import org.trm4j.train.data.ArcCanvas;
import org.trm4j.train.data.ArcSets;
import org.trm4j.train.data.ArcTask;
import org.trm4j.train.data.Grid;
import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.Progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** `trm solve` on ARC tasks: each test input with the two voted attempts (coloured blocks on a terminal), right or wrong when known. */
final class ArcSolve {
    private ArcSolve() {}

    static void solve(LoadedModel m, Device device, List<ArcTask> tasks, int aug, long seed, int batch, int steps, boolean showSteps,
                      boolean json, PrintWriter out) {
        if (m.config().seqLen() != ArcCanvas.CELLS || m.config().vocabSize() < ArcCanvas.VOCAB)
            throw new IllegalArgumentException("the model takes " + m.config().seqLen() + " tokens of " + m.config().vocabSize()
                    + ", ARC needs a 30x30 canvas (900) of " + ArcCanvas.VOCAB);
        MemoryDataSet test = ArcSets.inMemory(List.of(), tasks, aug, seed)[1];
        // The identity copy of each test input, for --show-steps.
        Map<String, ExampleResult> identity = new HashMap<>();
        Map<Integer, Integer> seen = new HashMap<>();
        ArcEvaluation a = ArcEvaluation.run(m.params(), tasks, test, id -> test.puzzleName(id).orElse(null), steps, batch, device, Progress.NONE, r -> {
            int id = test.puzzleId(r.index());
            int k = seen.merge(id, 1, Integer::sum) - 1;
            ArcAugmentation.Named n = ArcAugmentation.parse(test.puzzleName(id).orElseThrow());
            if (n.augmentation().isIdentity()) identity.put(n.taskId() + "/" + k, r);
        });
        boolean colour = !json && ArcShow.colourTerminal();
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        int right = 0, known = 0;
        for (ArcTask t : tasks) {
            ArrayNode list = json ? root.putArray(t.id()) : null;
            for (int i = 0; i < t.test().size(); i++) {
                List<Grid> att = a.votes().attempts(t.id(), i, 2);
                Grid truth = t.test().get(i).output();
                int which = truth == null ? -1 : truth.equals(att.get(0)) ? 1 : truth.equals(att.get(1)) ? 2 : 0;
                if (truth != null) { known++; if (which > 0) right++; }
                ExampleResult r = identity.get(t.id() + "/" + i);
                if (json) {
                    ObjectNode o = list.addObject();
                    o.set("attempt_1", om.valueToTree(rows(att.get(0))));
                    o.set("attempt_2", om.valueToTree(rows(att.get(1))));
                    if (truth != null) o.put("correct", which > 0);
                    if (showSteps && r != null)
                        Steps.json(o.putArray("steps"), r, p -> ArcCanvas.crop(p, 0).toString());
                    continue;
                }
                out.printf(Locale.ROOT, "task %s, test input %d of %d%n", t.id(), i + 1, t.test().size());
                if (showSteps && r != null) Steps.print(out, r, p -> ArcShow.grid(ArcCanvas.crop(p, 0), colour));
                List<String> titles = truth == null ? List.of("input", "attempt 1", "attempt 2") : List.of("input", "attempt 1", "attempt 2", "expected");
                List<String> blocks = truth == null
                        ? List.of(ArcShow.grid(t.test().get(i).input(), colour), ArcShow.grid(att.get(0), colour), ArcShow.grid(att.get(1), colour))
                        : List.of(ArcShow.grid(t.test().get(i).input(), colour), ArcShow.grid(att.get(0), colour), ArcShow.grid(att.get(1), colour),
                                ArcShow.grid(truth, colour));
                out.print(SideBySide.join(titles, blocks, 3));
                out.println(truth == null ? "(no expected output given)" : which > 0 ? "right (attempt " + which + ")" : "wrong");
                out.println();
            }
        }
        if (json) out.println(root.toPrettyString());
        else if (known > 0) out.printf(Locale.ROOT, "%d of %d test inputs right within two attempts%n", right, known);
    }

    private static int[][] rows(Grid g) {
        int[][] r = new int[g.rows()][g.cols()];
        for (int i = 0; i < g.rows(); i++) for (int j = 0; j < g.cols(); j++) r[i][j] = g.at(i, j);
        return r;
    }
}
