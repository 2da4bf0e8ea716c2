package org.trm4j.train.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ARC-AGI loader for the Kaggle layout: {@code *_challenges.json} = {id: {train: [{input, output}], test: [{input}]}},
 * {@code *_solutions.json} = {id: [output per test input]}. Grids are lists of rows of colours 0..9, 1..30 by 1..30;
 * anything else is a {@link BadDataException} naming the file, the task id and the grid.
 */
public final class ArcFiles {
    private ArcFiles() {}

    /** The largest side of an ARC grid (the canvas). */
    public static final int MAX_SIDE = 30;

    /** The solutions file beside {@code challenges} ({@code x_challenges.json} -> {@code x_solutions.json}), if it exists. */
    public static Path solutionsBeside(Path challenges) {
        String name = challenges.getFileName().toString();
        if (!name.contains("_challenges")) return null;
        Path s = challenges.resolveSibling(name.replace("_challenges", "_solutions"));
        return Files.isRegularFile(s) ? s : null;
    }

    /** Reads the tasks of {@code challenges} with test outputs from {@code solutions} (may be null: outputs unknown), in file order. */
    public static List<ArcTask> read(Path challenges, Path solutions) throws IOException {
        JsonNode root = parse(challenges);
        JsonNode sol = solutions == null ? null : parse(solutions);
        if (!root.isObject()) throw new BadDataException(challenges + ": expected a JSON object of task id -> task");
        if (sol != null && !sol.isObject()) throw new BadDataException(solutions + ": expected a JSON object of task id -> test outputs");
        List<ArcTask> tasks = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String id = e.getKey();
            String where = challenges + ": task " + id;
            JsonNode task = e.getValue();
            if (!task.isObject()) throw new BadDataException(where + ": expected an object with 'train' and 'test'");
            List<ArcTask.Pair> train = pairs(task.get("train"), where + ": train", true);
            if (train.isEmpty()) throw new BadDataException(where + ": no train pairs");
            JsonNode testNode = task.get("test");
            List<ArcTask.Pair> test = pairs(testNode, where + ": test", false);
            if (sol != null) {
                JsonNode outs = sol.get(id);
                String sw = solutions + ": task " + id;
                if (outs == null) throw new BadDataException(sw + ": missing (the challenges file has it)");
                if (!outs.isArray() || outs.size() != test.size())
                    throw new BadDataException(sw + ": expected a list of " + test.size() + " output grids (one per test input), got "
                            + (outs.isArray() ? outs.size() + " entries" : outs.getNodeType().toString().toLowerCase()));
                List<ArcTask.Pair> solved = new ArrayList<>();
                for (int i = 0; i < test.size(); i++) solved.add(new ArcTask.Pair(test.get(i).input(), grid(outs.get(i), sw + ": output " + i)));
                test = solved;
            }
            tasks.add(new ArcTask(id, train, test));
        }
        if (tasks.isEmpty()) throw new BadDataException(challenges + ": no tasks");
        return tasks;
    }

    private static JsonNode parse(Path f) throws IOException {
        try {
            JsonNode n = new ObjectMapper().readTree(f.toFile());
            if (n == null || n.isMissingNode()) throw new BadDataException(f + ": empty file");
            return n;
        } catch (JacksonException e) {
            JsonLocation loc = e.getLocation();
            throw new BadDataException(f + ": malformed JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                    + ": " + e.getOriginalMessage());
        } catch (java.io.FileNotFoundException | NoSuchFileException e) {
            throw new BadDataException(f + ": no such file");
        }
    }

    private static List<ArcTask.Pair> pairs(JsonNode list, String where, boolean needOutput) throws BadDataException {
        if (list == null || !list.isArray()) throw new BadDataException(where + ": expected a list of pairs");
        List<ArcTask.Pair> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String w = where + "[" + i + "]";
            if (!p.isObject()) throw new BadDataException(w + ": expected an object with 'input'" + (needOutput ? " and 'output'" : ""));
            Grid in = grid(p.get("input"), w + ".input");
            JsonNode o = p.get("output");
            if (needOutput && o == null) throw new BadDataException(w + ": no output");
            out.add(new ArcTask.Pair(in, o == null ? null : grid(o, w + ".output")));
        }
        return out;
    }

    /** A grid from a JSON list of rows; checks rectangle, 1..30 per side, colours 0..9. */
    static Grid grid(JsonNode rows, String where) throws BadDataException {
        if (rows == null || !rows.isArray()) throw new BadDataException(where + ": expected a grid (a list of rows)");
        int h = rows.size();
        if (h == 0) throw new BadDataException(where + ": empty grid");
        JsonNode first = rows.get(0);
        if (!first.isArray()) throw new BadDataException(where + ": row 0 is not a list");
        int w = first.size();
        if (h > MAX_SIDE || w > MAX_SIDE) throw new BadDataException(where + ": grid is " + h + "x" + w + ", over the " + MAX_SIDE + "x" + MAX_SIDE + " canvas");
        if (w == 0) throw new BadDataException(where + ": empty row 0");
        int[] cells = new int[h * w];
        for (int r = 0; r < h; r++) {
            JsonNode row = rows.get(r);
            if (!row.isArray()) throw new BadDataException(where + ": row " + r + " is not a list");
            if (row.size() != w) throw new BadDataException(where + ": row " + r + " has " + row.size() + " cells, row 0 has " + w);
            for (int c = 0; c < w; c++) {
                JsonNode v = row.get(c);
                if (!v.isInt() || v.asInt() < 0 || v.asInt() > 9)
                    throw new BadDataException(where + ": cell (" + r + ", " + c + ") is " + v + ", not a colour 0..9");
                cells[r * w + c] = v.asInt();
            }
        }
        return new Grid(h, w, cells);
    }
}
