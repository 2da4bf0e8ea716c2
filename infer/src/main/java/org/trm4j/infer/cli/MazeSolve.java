package org.trm4j.infer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.trm4j.api.Device;
import org.trm4j.infer.BatchRunner;
import org.trm4j.infer.ExampleResult;
import org.trm4j.infer.LoadedModel;
import org.trm4j.infer.show.MazeShow;
import org.trm4j.infer.show.Steps;
import org.trm4j.kernels.Losses;
import org.trm4j.model.TrmConfig;
import org.trm4j.train.data.BadDataException;
import org.trm4j.train.data.Grid;
import org.trm4j.train.data.MazeFiles;
import org.trm4j.train.data.MazeGrid;
import org.trm4j.train.data.MazePuzzle;
import org.trm4j.train.data.MazeSets;
import org.trm4j.train.data.MemoryDataSet;
import org.trm4j.train.data.Progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** `trm solve` on mazes: the reference's maze CSV, or mazes drawn as rows of '#', ' ', 'S', 'G' (blank lines between mazes). */
final class MazeSolve {
    private MazeSolve() {}

    /** True when the first row of {@code lines} (after a CSV header) holds a '#': a maze, not a Sudoku. */
    static boolean looksLikeMaze(List<String> lines) {
        for (String l : lines) {
            if (l.isBlank() || l.startsWith("source,")) continue;
            return l.indexOf('#') >= 0;
        }
        return false;
    }

    /** The mazes of {@code file}; drawn mazes have no known answer (answer = question). */
    static List<MazePuzzle> read(Path file, Integer limit) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (!lines.isEmpty() && lines.get(0).replace("\uFEFF", "").startsWith("source,"))
            return MazeFiles.readCsv(file, limit == null ? 0 : limit);
        List<MazePuzzle> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int rows = 0, lineNo = 0;
        for (String l : lines) {
            lineNo++;
            if (l.isBlank()) {
                if (rows > 0) out.add(drawn(file, cur.toString(), rows, lineNo));
                cur.setLength(0);
                rows = 0;
                continue;
            }
            cur.append(l);
            rows++;
        }
        if (rows > 0) out.add(drawn(file, cur.toString(), rows, lineNo + 1));
        if (out.isEmpty()) throw new BadDataException(file + ": no mazes");
        return limit != null && limit < out.size() ? out.subList(0, limit) : out;
    }

    private static MazePuzzle drawn(Path file, String text, int rows, int endLine) throws BadDataException {
        try {
            if (text.length() != rows * rows) throw new IllegalArgumentException(rows + " rows of " + text.length() + " characters in all: not a square maze");
            Grid q = MazeGrid.parse(text);
            return new MazePuzzle(file.getFileName().toString(), q, q, 0);
        } catch (IllegalArgumentException e) {
            throw new BadDataException(file + ": maze ending before line " + endLine + ": " + e.getMessage());
        }
    }

    static void solve(LoadedModel m, Device device, List<MazePuzzle> mazes, int batch, int steps, boolean showSteps, boolean json, PrintWriter out) {
        TrmConfig c = m.config();
        int side = mazes.get(0).question().rows();
        for (MazePuzzle z : mazes)
            if (z.question().rows() != side) throw new IllegalArgumentException("mazes of different sizes (" + side + " and " + z.question().rows() + ")");
        if (c.seqLen() != side * side)
            throw new IllegalArgumentException("the model takes " + c.seqLen() + " tokens, a " + side + "x" + side + " maze has " + side * side);
        if (c.vocabSize() < MazeGrid.VOCAB) throw new IllegalArgumentException("the model's vocabulary (" + c.vocabSize() + ") is smaller than the maze's (" + MazeGrid.VOCAB + ")");
        MemoryDataSet.Builder b = MemoryDataSet.builder(MazeSets.TASK, MazeGrid.VOCAB, side * side, side + "x" + side);
        for (int i = 0; i < mazes.size(); i++) {
            MazePuzzle z = mazes.get(i);
            int[] lab = z.answer().cells().clone();
            if (z.answer() == z.question()) java.util.Arrays.fill(lab, Losses.IGNORE);
            b.add(z.question().cells(), lab, 0, i);
        }
        List<ExampleResult> results = new ArrayList<>();
        try (BatchRunner r = new BatchRunner(m.params(), Math.min(batch, mazes.size()), steps, device)) {
            r.run(b.build(), Progress.NONE, results::add);
        }
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        ArrayNode arr = root.putArray("mazes");
        int valid = 0;
        for (int i = 0; i < mazes.size(); i++) {
            MazePuzzle z = mazes.get(i);
            ExampleResult r = results.get(i);
            Grid answer = MazeShow.answer(r.finalPreds(), side);
            String problem = MazeShow.problem(z.question(), answer);
            if (problem == null) valid++;
            if (json) {
                ObjectNode o = arr.addObject();
                o.put("maze", MazeGrid.format(z.question()));
                o.put("answer", MazeGrid.format(answer));
                o.put("valid", problem == null);
                if (problem != null) o.put("problem", problem);
                o.put("q_halt", r.finalQHalt());
                o.put("halting_step", r.haltingStep(c.haltMaxSteps()));
                if (showSteps) Steps.json(o.putArray("steps"), r, t -> MazeGrid.format(MazeShow.answer(t, side)));
                continue;
            }
            if (mazes.size() > 1) out.printf(Locale.ROOT, "maze %d of %d%n", i + 1, mazes.size());
            if (showSteps) Steps.print(out, r, t -> MazeGrid.board(MazeShow.answer(t, side)));
            out.print(MazeShow.boards(z.question(), answer));
            out.printf(Locale.ROOT, "%s; q_halt %+.3f after %d steps, first halt signal at step %d%n", MazeShow.verdict(z.question(), answer),
                    r.finalQHalt(), steps, r.haltingStep(c.haltMaxSteps()));
            if (i < mazes.size() - 1) out.println();
        }
        if (json) {
            root.put("valid", valid).put("total", mazes.size());
            out.println(root.toPrettyString());
        } else if (mazes.size() > 1) out.printf(Locale.ROOT, "%n%d of %d mazes solved (shortest paths)%n", valid, mazes.size());
    }
}
