package org.trm4j.train.data;

import java.util.ArrayDeque;
import java.util.Arrays;

/** Breadth-first search on maze token grids: distances from S, the number of shortest paths, and answer checks. */
public final class MazePaths {
    private MazePaths() {}

    /** Distances (steps) from {@code from} to every cell through non-wall cells (-1 = unreachable), and path counts capped at 2. */
    public record Bfs(int[] dist, int[] count) {}

    /** BFS from cell {@code from} over 4-neighbours that are not walls. */
    public static Bfs bfs(Grid g, int from) {
        int n = g.cells().length, w = g.cols();
        int[] dist = new int[n], count = new int[n];
        Arrays.fill(dist, -1);
        ArrayDeque<Integer> q = new ArrayDeque<>();
        dist[from] = 0;
        count[from] = 1;
        q.add(from);
        int[] dr = {-1, 1, 0, 0}, dc = {0, 0, -1, 1};
        while (!q.isEmpty()) {
            int i = q.poll(), r = i / w, c = i % w;
            for (int k = 0; k < 4; k++) {
                int nr = r + dr[k], nc = c + dc[k];
                if (nr < 0 || nc < 0 || nr >= g.rows() || nc >= w) continue;
                int j = nr * w + nc;
                if (g.cells()[j] == MazeGrid.WALL) continue;
                if (dist[j] < 0) {
                    dist[j] = dist[i] + 1;
                    q.add(j);
                }
                if (dist[j] == dist[i] + 1) count[j] = Math.min(2, count[j] + count[i]);
            }
        }
        return new Bfs(dist, count);
    }

    /** The index of the only cell holding {@code token}, or an exception naming how many there are. */
    public static int only(Grid g, int token, String what) {
        int at = -1, k = 0;
        for (int i = 0; i < g.cells().length; i++) if (g.cells()[i] == token) { at = i; k++; }
        if (k != 1) throw new IllegalArgumentException("the question has " + k + " " + what + " cells, expected 1");
        return at;
    }

    /**
     * Why {@code answer} is not the solution of {@code question} (null when it is): the answer must copy the question
     * except open cells marked {@code o}, and the marked cells with S and G must form a shortest S-G path.
     */
    public static String checkAnswer(Grid question, Grid answer) {
        if (question.rows() != answer.rows() || question.cols() != answer.cols()) return "question and answer differ in size";
        int[] q = question.cells(), a = answer.cells();
        int marked = 0;
        for (int i = 0; i < q.length; i++) {
            if (q[i] == MazeGrid.PATH) return "the question has a path cell 'o' at position " + (i + 1);
            boolean same = q[i] == a[i], marks = q[i] == MazeGrid.OPEN && a[i] == MazeGrid.PATH;
            if (!same && !marks) return "the answer changes '" + MazeGrid.CHARSET.charAt(q[i] - 1) + "' to '" + MazeGrid.CHARSET.charAt(a[i] - 1)
                    + "' at position " + (i + 1) + " (it may only mark open cells 'o')";
            if (marks) marked++;
        }
        int s, goal;
        try {
            s = only(question, MazeGrid.START, "start 'S'");
            goal = only(question, MazeGrid.GOAL, "goal 'G'");
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        int shortest = bfs(question, s).dist()[goal];
        if (shortest < 0) return "G cannot be reached from S";
        // The marked cells must connect S to G on their own, in exactly the shortest number of steps.
        int[] onlyPath = a.clone();
        for (int i = 0; i < onlyPath.length; i++) if (onlyPath[i] == MazeGrid.OPEN) onlyPath[i] = MazeGrid.WALL;
        int along = bfs(new Grid(answer.rows(), answer.cols(), onlyPath), s).dist()[goal];
        if (along < 0) return "the marked path does not connect S to G";
        if (along != shortest) return "the marked path takes " + along + " steps, a shortest path " + shortest;
        if (marked != shortest - 1) return "the answer marks " + marked + " cells, a shortest path has " + (shortest - 1) + " between S and G";
        return null;
    }
}
