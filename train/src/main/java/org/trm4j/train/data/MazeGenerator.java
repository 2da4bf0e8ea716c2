package org.trm4j.train.data;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes N x N mazes in the reference's layout: a random depth-first maze on the even rows and columns (walls between),
 * a few extra walls knocked out so that there are loops, then S and G placed so that the shortest S-G path is unique
 * and at least {@code minPath} steps long ("hard" mazes ask for long paths). The answer marks that path with {@code o}.
 */
public final class MazeGenerator {
    private MazeGenerator() {}

    /** The reference's Maze-Hard size. */
    public static final int DEFAULT_SIZE = 30;

    /** The minimum path length of a "hard" maze of side {@code n}: an eighth of the cells (112 steps at 30x30). */
    public static int hardMinPath(int n) { return n * n / 8; }

    /** One maze of side {@code n} whose unique shortest path has at least {@code minPath} steps. */
    public static MazePuzzle generate(int n, int minPath, double loopFraction, RandomGenerator rnd) {
        check(n, minPath);
        for (int attempt = 0; attempt < 1000; attempt++) {
            Grid g = carve(n, loopFraction, rnd);
            MazePuzzle p = placeEnds(g, minPath, rnd);
            if (p != null) return p;
        }
        throw new IllegalArgumentException("no " + n + "x" + n + " maze with a path of " + minPath + " steps in 1000 tries; lower the minimum");
    }

    /** Refuses a size below 3 or a minimum path that cannot fit (longer than half the cells). */
    public static void check(int n, int minPath) {
        if (n < 3) throw new IllegalArgumentException("maze size " + n + " is below 3");
        if (minPath > n * n / 2) throw new IllegalArgumentException("a path of " + minPath + " steps does not fit a " + n + "x" + n + " maze");
    }

    private static Grid carve(int n, double loopFraction, RandomGenerator rnd) {
        int[] t = new int[n * n];
        java.util.Arrays.fill(t, MazeGrid.WALL);
        int cells = (n + 1) / 2;
        boolean[] seen = new boolean[cells * cells];
        int[] stack = new int[cells * cells];
        int top = 0;
        int start = rnd.nextInt(cells * cells);
        stack[top++] = start;
        seen[start] = true;
        t[(start / cells) * 2 * n + (start % cells) * 2] = MazeGrid.OPEN;
        int[] dr = {-1, 1, 0, 0}, dc = {0, 0, -1, 1};
        int[] options = new int[4];
        while (top > 0) {
            int cur = stack[top - 1], r = cur / cells, c = cur % cells, k = 0;
            for (int d = 0; d < 4; d++) {
                int nr = r + dr[d], nc = c + dc[d];
                if (nr >= 0 && nc >= 0 && nr < cells && nc < cells && !seen[nr * cells + nc]) options[k++] = d;
            }
            if (k == 0) { top--; continue; }
            int d = options[rnd.nextInt(k)], nr = r + dr[d], nc = c + dc[d];
            seen[nr * cells + nc] = true;
            t[(2 * r + dr[d]) * n + 2 * c + dc[d]] = MazeGrid.OPEN;
            t[2 * nr * n + 2 * nc] = MazeGrid.OPEN;
            stack[top++] = nr * cells + nc;
        }
        // Loops: open some walls that separate two open cells in a line.
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (t[r * n + c] != MazeGrid.WALL || (r % 2) == (c % 2)) continue;
                boolean vertical = r % 2 == 1;
                int a = vertical ? (r - 1) * n + c : r * n + c - 1, b = vertical ? (r + 1) * n + c : r * n + c + 1;
                boolean inside = vertical ? r + 1 < n : c + 1 < n;
                if (inside && t[a] == MazeGrid.OPEN && t[b] == MazeGrid.OPEN && rnd.nextDouble() < loopFraction) t[r * n + c] = MazeGrid.OPEN;
            }
        }
        return new Grid(n, n, t);
    }

    /** Places S and G with a unique shortest path of at least {@code minPath} steps, or null when this maze has none. */
    private static MazePuzzle placeEnds(Grid g, int minPath, RandomGenerator rnd) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < g.cells().length; i++) if (g.cells()[i] == MazeGrid.OPEN) open.add(i);
        for (int tries = 0; tries < 20; tries++) {
            int s = open.get(rnd.nextInt(open.size()));
            MazePaths.Bfs bfs = MazePaths.bfs(g, s);
            List<Integer> goals = new ArrayList<>();
            for (int i : open) if (bfs.dist()[i] >= Math.max(1, minPath) && bfs.count()[i] == 1) goals.add(i);
            if (goals.isEmpty()) continue;
            int goal = goals.get(rnd.nextInt(goals.size()));
            int[] q = g.cells().clone(), a = g.cells().clone();
            q[s] = a[s] = MazeGrid.START;
            q[goal] = a[goal] = MazeGrid.GOAL;
            // Walk back from G along strictly decreasing distance; the path is unique (count 1).
            int w = g.cols();
            for (int cur = goal; bfs.dist()[cur] > 1; ) {
                int next = -1;
                for (int nb : new int[] {cur - w, cur + w, cur % w > 0 ? cur - 1 : -1, cur % w < w - 1 ? cur + 1 : -1}) {
                    if (nb >= 0 && nb < q.length && bfs.dist()[nb] == bfs.dist()[cur] - 1) { next = nb; break; }
                }
                a[next] = MazeGrid.PATH;
                cur = next;
            }
            return new MazePuzzle("generated-" + g.shape(), new Grid(g.rows(), w, q), new Grid(g.rows(), w, a), bfs.dist()[goal]);
        }
        return null;
    }
}
