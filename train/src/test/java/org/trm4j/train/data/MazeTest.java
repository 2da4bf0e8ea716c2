package org.trm4j.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MazeTest {
    @TempDir Path tmp;

    static final String Q = "S #" + "  #" + "# G", A = "So#" + " o#" + "#oG";

    @Test void tokensAreTheReferences() {
        Grid g = MazeGrid.parse("# SGo" + "#####" + "#####" + "#####" + "#####");
        assertArrayEquals(new int[] {1, 2, 3, 4, 5}, java.util.Arrays.copyOf(g.cells(), 5));
        assertEquals(6, MazeGrid.VOCAB);
        assertEquals("# SGo", MazeGrid.format(g).substring(0, 5));
    }

    @Test void answerChecks() {
        assertNull(MazePaths.checkAnswer(MazeGrid.parse(Q), MazeGrid.parse(A)));
        assertEquals("the answer marks 4 cells, a shortest path has 3 between S and G",
                MazePaths.checkAnswer(MazeGrid.parse("S  " + "  #" + "# G"), MazeGrid.parse("Soo" + " o#" + "#oG")));
        assertEquals("the marked path takes 7 steps, a shortest path 5",
                MazePaths.checkAnswer(MazeGrid.parse("S   " + " ## " + " ## " + "  G "), MazeGrid.parse("Sooo" + " ##o" + " ##o" + "  Go")));
        assertEquals("the marked path does not connect S to G", MazePaths.checkAnswer(MazeGrid.parse(Q), MazeGrid.parse("So#" + "  #" + "#oG")));
        assertTrue(MazePaths.checkAnswer(MazeGrid.parse(Q), MazeGrid.parse("So#" + "#o#" + "#oG")).startsWith("the answer changes ' ' to '#'"));
        assertEquals("the question has 0 goal 'G' cells, expected 1", MazePaths.checkAnswer(MazeGrid.parse("S #  ####"), MazeGrid.parse("S #  ####")));
        assertEquals("G cannot be reached from S", MazePaths.checkAnswer(MazeGrid.parse("S#" + "#G"), MazeGrid.parse("S#" + "#G")));
    }

    @Test void everyGeneratedPathIsAUniqueShortestPath() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {5, 9, 30}) {
            int min = n == 30 ? MazeGenerator.hardMinPath(30) : 4;
            for (int i = 0; i < 10; i++) {
                MazePuzzle m = MazeGenerator.generate(n, min, 0.05, rnd);
                assertNull(MazePaths.checkAnswer(m.question(), m.answer()));
                int s = MazePaths.only(m.question(), MazeGrid.START, "S"), g = MazePaths.only(m.question(), MazeGrid.GOAL, "G");
                MazePaths.Bfs bfs = MazePaths.bfs(m.question(), s);
                assertEquals(bfs.dist()[g], m.rating());
                assertTrue(m.rating() >= min, "hard means long: " + m.rating());
                assertEquals(1, bfs.count()[g], "one shortest path");
            }
        }
        assertEquals(112, MazeGenerator.hardMinPath(30));
    }

    @Test void transformsKeepSolutionsAndInvert() {
        MazePuzzle m = MazeGenerator.generate(12, 10, 0.05, new SplittableRandom(5));
        for (int t = 0; t < 8; t++) {
            MazePuzzle x = m.transformed(t);
            assertNull(MazePaths.checkAnswer(x.question(), x.answer()));
            assertEquals(m.question(), Dihedral.invert(x.question(), t));
            assertEquals(m.answer(), Dihedral.invert(x.answer(), t));
        }
    }

    @Test void csvRoundTripAndSets() throws IOException {
        List<MazePuzzle> mazes = MazeSets.generateMazes(8, 3, 5, 11, Progress.NONE);
        Path f = tmp.resolve("m.csv");
        MazeFiles.writeCsv(f, mazes);
        List<MazePuzzle> back = MazeFiles.readCsv(f, 0);
        assertEquals(3, back.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(mazes.get(i).question(), back.get(i).question());
            assertEquals(mazes.get(i).answer(), back.get(i).answer());
            assertEquals(mazes.get(i).rating(), back.get(i).rating());
        }
        MemoryDataSet ds = MazeSets.generate(8, 2, 7, false, 1);
        assertEquals(new DataSetMeta("maze", 6, 64, 1, 16, 2, 7, "8x8"), ds.meta());
        int[] in = new int[64], lab = new int[64];
        ds.inputs(9, in, 0);
        ds.labels(9, lab, 0);
        assertEquals(1, ds.groupOf(9));
        assertNull(MazePaths.checkAnswer(new Grid(8, 8, in), new Grid(8, 8, lab)));
    }

    @Test void csvRefusesBadRows() throws IOException {
        String h = "source,question,answer,rating\n";
        bad("h.csv", "a,b\n", "h.csv:1: header is 'a,b'");
        bad("char.csv", h + "x,S #  x# G," + A + ",3\n", "char.csv:2: question: unknown character 'x' at position 6 (row 2, column 3");
        bad("len.csv", h + "x," + Q + "#," + A + ",3\n", "len.csv:2: question: 10 characters is not a square maze");
        bad("size.csv", h + "x," + Q + "," + A + ",3\nx,S  G," + "SooG,3\n", "size.csv:3: a 2x2 maze in a file of 3x3 mazes");
        bad("path.csv", h + "x," + Q + ",So#  #  G,3\n", "path.csv:2: the answer changes '#' to ' '");
        bad("noS.csv", h + "x,  #  #  G,  #  #  G,3\n", "noS.csv:2: the question has 0 start 'S' cells");
        bad("fields.csv", h + "x," + Q + "\n", "fields.csv:2: 2 fields, expected 4");
        bad("empty.csv", h, "empty.csv: no mazes");
        BadDataException e = assertThrows(BadDataException.class, () -> MazeFiles.readCsv(tmp.resolve("none.csv"), 0));
        assertTrue(e.getMessage().endsWith("none.csv: no such file"));
    }

    private void bad(String name, String content, String part) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, content);
        BadDataException e = assertThrows(BadDataException.class, () -> MazeFiles.readCsv(f, 0));
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
