package org.trm4j.infer.arc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import org.trm4j.train.data.Grid;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Kaggle ARC Prize submission: {@code {"<task id>": [{"attempt_1": grid, "attempt_2": grid}, ...one per test
 * input]}} with every task of the challenges file, in its order; grids are lists of rows of colours 0..9.
 */
public final class Submission {
    private Submission() {}

    /** The submission object for {@code testCounts} (task id -> number of test inputs, in file order). */
    public static ObjectNode build(ArcVotes votes, Map<String, Integer> testCounts) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode root = om.createObjectNode();
        testCounts.forEach((id, n) -> {
            ArrayNode list = root.putArray(id);
            for (int i = 0; i < n; i++) {
                List<Grid> a = votes.attempts(id, i, 2);
                ObjectNode o = list.addObject();
                o.set("attempt_1", grid(om, a.get(0)));
                o.set("attempt_2", grid(om, a.get(1)));
            }
        });
        return root;
    }

    /** Writes {@link #build} to {@code out} atomically (temp file + move). */
    public static void write(Path out, ArcVotes votes, Map<String, Integer> testCounts) throws IOException {
        Path abs = out.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            new ObjectMapper().writeValue(tmp.toFile(), build(votes, testCounts));
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static ArrayNode grid(ObjectMapper om, Grid g) {
        ArrayNode rows = om.createArrayNode();
        for (int r = 0; r < g.rows(); r++) {
            ArrayNode row = rows.addArray();
            for (int c = 0; c < g.cols(); c++) row.add(g.at(r, c));
        }
        return rows;
    }
}
