package org.trm4j.train.data;

/** A maze and its solution as token grids ({@link MazeGrid}), where it came from, and its rating (the reference's column; ours: path length). */
public record MazePuzzle(String source, Grid question, Grid answer, int rating) {
    /** The same maze under dihedral transform {@code id}. */
    public MazePuzzle transformed(int id) {
        return new MazePuzzle(source, Dihedral.apply(question, id), Dihedral.apply(answer, id), rating);
    }
}
