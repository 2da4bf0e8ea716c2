package org.trm4j.infer.show;

import org.trm4j.train.data.Grid;
import org.trm4j.train.data.MazeGrid;
import org.trm4j.train.data.MazePaths;

/** How a maze and the model's path are shown: the maze rows ('#' wall, 'S' start, 'G' goal, 'o' the path) and a verdict. */
public final class MazeShow {
    private MazeShow() {}

    /** The answer grid from the model's tokens [side * side]. */
    public static Grid answer(int[] tokens, int side) { return new Grid(side, side, tokens.clone()); }

    /** Maze and answer side by side. */
    public static String boards(Grid question, Grid answer) {
        return SideBySide.join(java.util.List.of("maze", "path"), java.util.List.of(MazeGrid.board(question), MazeGrid.board(answer)), 4);
    }

    /** Null when {@code answer} marks a shortest S-G path of {@code question} and changes nothing else; else what is wrong. */
    public static String problem(Grid question, Grid answer) {
        for (int v : answer.cells())
            if (v < MazeGrid.WALL || v > MazeGrid.PATH) return "the answer has a padding token";
        return MazePaths.checkAnswer(question, answer);
    }

    /** One line: a shortest path (and its length) or what is wrong. */
    public static String verdict(Grid question, Grid answer) {
        String p = problem(question, answer);
        if (p != null) return "not a solution: " + p;
        int marked = 0;
        for (int v : answer.cells()) if (v == MazeGrid.PATH) marked++;
        return "a shortest path from S to G (" + (marked + 1) + " steps)";
    }
}
