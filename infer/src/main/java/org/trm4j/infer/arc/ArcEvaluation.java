package org.trm4j.infer.arc;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.trm4j.api.Device;
import org.trm4j.infer.Evaluation;
import org.trm4j.infer.ExampleResult;
import org.trm4j.model.Parameters;
import org.trm4j.train.data.ArcAugmentation;
import org.trm4j.train.data.ArcCanvas;
import org.trm4j.train.data.ArcTask;
import org.trm4j.train.data.DataSetMeta;
import org.trm4j.train.data.Examples;
import org.trm4j.train.data.Grid;
import org.trm4j.train.data.Progress;

/**
 * The reference's ARC evaluation: the model runs on every augmented copy of every test input (an ARC test set:
 * each puzzle identifier names a task and an augmentation, its examples are the task's test inputs in order); each
 * predicted canvas is cropped to a grid, mapped back through the inverse augmentation and voted ({@link ArcVotes}).
 *
 * @param votes      the pooled votes
 * @param tokens     the token-level evaluation (exact/token accuracy on the copies with known outputs)
 * @param testCounts task id -> number of test inputs, in the order of the tasks
 * @param truths     task id -> true test outputs, for the tasks whose outputs are all known
 * @param blankIds   true when the model was run with the blank puzzle id 0 (its table does not fit the data)
 */
public record ArcEvaluation(ArcVotes votes, Evaluation tokens, Map<String, Integer> testCounts, Map<String, List<Grid>> truths,
                            boolean blankIds) {

    public double passAt(int k) { return votes.passAt(k, truths); }

    /**
     * Runs {@code params} over the ARC test set {@code test}, whose puzzle id i is named {@code names.apply(i)}, for
     * the {@code tasks} (their order and true outputs). When the model's puzzle-embedding table has another size
     * than the data's identifiers, every copy runs with the blank id 0 (said by {@link #blankIds}).
     */
    public static ArcEvaluation run(Parameters params, List<ArcTask> tasks, Examples test, IntFunction<String> names, int batch,
                                    Device device, Progress progress) {
        return run(params, tasks, test, names, params.config().haltMaxSteps(), batch, device, progress, null);
    }

    /** {@link #run} with {@code steps} supervision steps; {@code each} (may be null) also sees every copy's outputs. */
    public static ArcEvaluation run(Parameters params, List<ArcTask> tasks, Examples test, IntFunction<String> names, int steps, int batch,
                                    Device device, Progress progress, java.util.function.Consumer<ExampleResult> each) {
        Map<String, Integer> testCounts = new LinkedHashMap<>();
        Map<String, List<Grid>> truths = new LinkedHashMap<>();
        for (ArcTask t : tasks) {
            testCounts.put(t.id(), t.test().size());
            if (t.test().stream().allMatch(p -> p.output() != null)) truths.put(t.id(), t.test().stream().map(ArcTask.Pair::output).toList());
        }
        boolean blank = params.config().numPuzzleIdentifiers() != test.meta().numPuzzleIdentifiers();
        Voter voter = new Voter(test, names, testCounts);
        Evaluation e = Evaluation.run(params, blank ? new BlankIds(test) : test, steps, batch, device, progress,
                each == null ? voter : voter.andThen(each));
        return new ArcEvaluation(voter.votes, e, testCounts, truths, blank);
    }

    /**
     * Turns each example's outputs into a vote: its puzzle identifier's name gives the task and augmentation, its
     * rank among that identifier's examples the test input; the predicted canvas is cropped and mapped back.
     */
    public static final class Voter implements java.util.function.Consumer<ExampleResult> {
        final ArcVotes votes = new ArcVotes();
        private final Examples test;
        private final IntFunction<String> names;
        private final Map<String, Integer> testCounts;
        private final Map<Integer, Integer> seenPerId = new HashMap<>();
        private final Map<Integer, ArcAugmentation.Named> named = new HashMap<>();

        /** Votes for the examples of {@code test} (ids named by {@code names}) of the tasks in {@code testCounts}. */
        public Voter(Examples test, IntFunction<String> names, Map<String, Integer> testCounts) {
            this.test = test;
            this.names = names;
            this.testCounts = testCounts;
        }

        public ArcVotes votes() { return votes; }

        @Override public void accept(ExampleResult r) {
            int id = test.puzzleId(r.index());
            ArcAugmentation.Named n = named.computeIfAbsent(id, i -> {
                String name = names.apply(i);
                if (name == null) throw new IllegalArgumentException("the data set has no name for puzzle identifier " + i + " (identifiers.txt)");
                return ArcAugmentation.parse(name);
            });
            int testIndex = seenPerId.merge(id, 1, Integer::sum) - 1;
            Integer count = testCounts.get(n.taskId());
            if (count == null) throw new IllegalArgumentException("the data set has task " + n.taskId() + ", which the task file does not");
            if (testIndex >= count)
                throw new IllegalArgumentException("puzzle " + names.apply(id) + " has more test inputs in the data set than task " + n.taskId() + " (" + count + ")");
            Grid pred = n.augmentation().invert(ArcCanvas.crop(r.finalPreds(), 0));
            votes.add(n.taskId(), testIndex, pred, r.finalQHalt());
        }
    }

    /** The same examples, all with puzzle identifier 0. */
    private record BlankIds(Examples all) implements Examples {
        @Override public DataSetMeta meta() { return all.meta(); }
        @Override public int size() { return all.size(); }
        @Override public void inputs(int i, int[] dst, int off) { all.inputs(i, dst, off); }
        @Override public void labels(int i, int[] dst, int off) { all.labels(i, dst, off); }
        @Override public int puzzleId(int i) { return 0; }
        @Override public int groupOf(int i) { return all.groupOf(i); }
    }
}
