package org.trm4j.train.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class DihedralTest {
    /** numpy's results for arange(6).reshape(2, 3) under the reference's dihedral_transform 0..7 (shape, flat values). */
    static final int[][] NUMPY = {
            {2, 3, 0, 1, 2, 3, 4, 5}, {3, 2, 2, 5, 1, 4, 0, 3}, {2, 3, 5, 4, 3, 2, 1, 0}, {3, 2, 3, 0, 4, 1, 5, 2},
            {2, 3, 2, 1, 0, 5, 4, 3}, {2, 3, 3, 4, 5, 0, 1, 2}, {3, 2, 0, 3, 1, 4, 2, 5}, {3, 2, 5, 2, 4, 1, 3, 0}};

    @Test void matchesNumpy() {
        Grid a = new Grid(2, 3, new int[] {0, 1, 2, 3, 4, 5});
        for (int t = 0; t < 8; t++) {
            Grid b = Dihedral.apply(a, t);
            assertEquals(NUMPY[t][0], b.rows(), "rows of " + t);
            assertEquals(NUMPY[t][1], b.cols(), "cols of " + t);
            assertArrayEquals(java.util.Arrays.copyOfRange(NUMPY[t], 2, 8), b.cells(), "transform " + t);
        }
    }

    @Test void inversesRoundTripAndTheGroupIsClosed() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[] cells = new int[5 * 7];
        for (int i = 0; i < cells.length; i++) cells[i] = rnd.nextInt(10);
        Grid g = new Grid(5, 7, cells);
        java.util.Set<Grid> images = new java.util.HashSet<>();
        for (int t = 0; t < 8; t++) {
            Grid b = Dihedral.apply(g, t);
            images.add(b);
            assertEquals(g, Dihedral.invert(b, t), "inverse of " + t);
            assertEquals(g, Dihedral.apply(Dihedral.apply(b, Dihedral.inverse(t)), 0));
        }
        assertEquals(8, images.size(), "8 distinct images of an asymmetric grid");
        assertThrows(IllegalArgumentException.class, () -> Dihedral.apply(g, 8));
    }
}
