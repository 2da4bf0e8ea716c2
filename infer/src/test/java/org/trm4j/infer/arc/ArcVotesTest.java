package org.trm4j.infer.arc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.trm4j.train.data.Grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Voting, pass@k and the submission on a case worked out by hand. */
class ArcVotesTest {
    static final Grid G1 = new Grid(1, 2, new int[] {1, 2}), G2 = new Grid(2, 1, new int[] {1, 2}), G3 = new Grid(1, 1, new int[] {7}),
            EMPTY = new Grid(0, 0, new int[0]);

    static ArcVotes votes() {
        ArcVotes v = new ArcVotes();
        // Task a, test 0: G1 x2 (mean q 0), G2 x2 (mean q 1.25), G3 x1 (q 5): G2, G1, G3.
        v.add("a", 0, G1, 1.0);
        v.add("a", 0, G2, 3.0);
        v.add("a", 0, G1, -1.0);
        v.add("a", 0, G3, 5.0);
        v.add("a", 0, G2, -0.5);
        // Task a, test 1: an empty crop with more votes than G3; G3 is still the first grid attempt.
        v.add("a", 1, EMPTY, 9);
        v.add("a", 1, EMPTY, 9);
        v.add("a", 1, G3, 0.0);
        // Task b, test 0: G1 only.
        v.add("b", 0, G1, 2.0);
        return v;
    }

    @Test
    void ranksByVotesThenMeanQ() {
        List<ArcVotes.Candidate> r = votes().ranked("a", 0);
        assertEquals(List.of(new ArcVotes.Candidate(G2, 2, 1.25), new ArcVotes.Candidate(G1, 2, 0.0), new ArcVotes.Candidate(G3, 1, 5.0)), r);
        assertEquals(List.of(), votes().ranked("c", 0));
    }

    @Test
    void passAtOneAndTwoByHand() {
        Map<String, List<Grid>> truths = new LinkedHashMap<>();
        truths.put("a", List.of(G1, G3));
        truths.put("b", List.of(G2));
        // pass@1: a: test 0 wrong (G2 first), test 1: EMPTY first -> wrong: 0 of 2; b: wrong. 0.
        // pass@2: a: test 0 right (G1 second), test 1 right (G3 second): 1; b: wrong: (1 + 0) / 2.
        ArcVotes v = votes();
        assertEquals(0.0, v.passAt(1, truths), 1e-12);
        assertEquals(0.5, v.passAt(2, truths), 1e-12);
        truths.put("a", List.of(G2, G3));
        assertEquals(0.25, v.passAt(1, truths), 1e-12);   // a: 1 of 2 right at k = 1, b: 0
    }

    @Test
    void submissionHasEveryTaskAndTwoAttemptsPerTestInput() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("a", 2);
        counts.put("b", 1);
        counts.put("c", 1);   // no predictions at all
        JsonNode s = new ObjectMapper().readTree(Submission.build(votes(), counts).toString());
        assertEquals(List.of("a", "b", "c"), iterable(s.fieldNames()));
        assertEquals("[{\"attempt_1\":[[1],[2]],\"attempt_2\":[[1,2]]},{\"attempt_1\":[[7]],\"attempt_2\":[[7]]}]", s.get("a").toString());
        assertEquals("[{\"attempt_1\":[[1,2]],\"attempt_2\":[[1,2]]}]", s.get("b").toString());
        assertEquals("[{\"attempt_1\":[[0]],\"attempt_2\":[[0]]}]", s.get("c").toString());
    }

    static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}
