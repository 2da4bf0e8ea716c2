package org.trm4j.infer.arc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.trm4j.train.data.Grid;

/**
 * The reference's ARC voting (evaluators/arc.py, behaviour only): every augmented copy of a test input yields a
 * prediction mapped back to the original orientation and colours; identical grids pool their votes. Candidates rank
 * by vote count, then by the mean of their q-halt logits; the top two are the two attempts. pass@k of a task is the
 * fraction of its test inputs whose true output is among the top k; the score is the mean over tasks.
 */
public final class ArcVotes {
    /** One distinct predicted grid for a test input, with its votes and mean q-halt logit. */
    public record Candidate(Grid grid, int votes, double meanQ) {}

    private record Key(String taskId, int testIndex) {}

    private static final class Tally {
        int votes;
        double qSum;
    }

    private final Map<Key, Map<Grid, Tally>> votes = new LinkedHashMap<>();

    /** One prediction (already inverse-transformed) for test input {@code testIndex} of {@code taskId}. */
    public void add(String taskId, int testIndex, Grid prediction, double qHalt) {
        Tally t = votes.computeIfAbsent(new Key(taskId, testIndex), k -> new LinkedHashMap<>()).computeIfAbsent(prediction, g -> new Tally());
        t.votes++;
        t.qSum += qHalt;
    }

    /** The candidates for a test input, best first (more votes, then higher mean q); empty when none was added. */
    public List<Candidate> ranked(String taskId, int testIndex) {
        Map<Grid, Tally> m = votes.get(new Key(taskId, testIndex));
        List<Candidate> out = new ArrayList<>();
        if (m == null) return out;
        m.forEach((g, t) -> out.add(new Candidate(g, t.votes, t.qSum / t.votes)));
        out.sort(Comparator.comparingInt(Candidate::votes).thenComparingDouble(Candidate::meanQ).reversed());
        return out;
    }

    /**
     * The {@code k} attempts for a test input: the top candidates that are grids (an empty crop is skipped), the first
     * repeated when fewer; a 1x1 black grid when there is none.
     */
    public List<Grid> attempts(String taskId, int testIndex, int k) {
        List<Grid> out = new ArrayList<>();
        for (Candidate c : ranked(taskId, testIndex)) {
            if (out.size() == k) break;
            if (c.grid().rows() > 0 && c.grid().cols() > 0) out.add(c.grid());
        }
        if (out.isEmpty()) out.add(new Grid(1, 1, new int[] {0}));
        while (out.size() < k) out.add(out.get(0));
        return out;
    }

    /**
     * pass@k over {@code truths} (task id -> the true output of each test input, in order): per task the fraction of
     * its test inputs whose truth is among the top {@code k} candidates, averaged over the tasks.
     */
    public double passAt(int k, Map<String, List<Grid>> truths) {
        if (truths.isEmpty()) return 0;
        double sum = 0;
        for (Map.Entry<String, List<Grid>> e : truths.entrySet()) {
            List<Grid> outs = e.getValue();
            int right = 0;
            for (int i = 0; i < outs.size(); i++) {
                List<Candidate> r = ranked(e.getKey(), i);
                for (int j = 0; j < Math.min(k, r.size()); j++)
                    if (r.get(j).grid().equals(outs.get(i))) { right++; break; }
            }
            sum += (double) right / outs.size();
        }
        return sum / truths.size();
    }
}
