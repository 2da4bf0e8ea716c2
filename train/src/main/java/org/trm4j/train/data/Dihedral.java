package org.trm4j.train.data;

/**
 * The 8 symmetries of a rectangle, numbered as the reference's {@code dihedral_transform} (numpy semantics):
 * 0 identity, 1 {@code rot90} (counter-clockwise), 2 {@code rot90 k=2}, 3 {@code rot90 k=3}, 4 {@code fliplr},
 * 5 {@code flipud}, 6 transpose, 7 {@code fliplr(rot90)} (anti-transpose). Transforms 1, 3, 6, 7 swap rows and columns.
 */
public final class Dihedral {
    private Dihedral() {}

    /** The number of transforms. */
    public static final int COUNT = 8;
    private static final int[] INVERSE = {0, 3, 2, 1, 4, 5, 6, 7};

    /** The transform undoing {@code id} (the reference's {@code DIHEDRAL_INVERSE}). */
    public static int inverse(int id) { return INVERSE[check(id)]; }

    /** Whether transform {@code id} swaps rows and columns. */
    public static boolean swapsAxes(int id) { return id == 1 || id == 3 || id == 6 || id == 7; }

    /** {@code g} under transform {@code id}. */
    public static Grid apply(Grid g, int id) {
        check(id);
        int h = g.rows(), w = g.cols();
        int oh = swapsAxes(id) ? w : h, ow = swapsAxes(id) ? h : w;
        int[] out = new int[oh * ow];
        for (int i = 0; i < oh; i++) {
            for (int j = 0; j < ow; j++) {
                int v = switch (id) {
                    case 0 -> g.at(i, j);
                    case 1 -> g.at(j, w - 1 - i);
                    case 2 -> g.at(h - 1 - i, w - 1 - j);
                    case 3 -> g.at(h - 1 - j, i);
                    case 4 -> g.at(i, w - 1 - j);
                    case 5 -> g.at(h - 1 - i, j);
                    case 6 -> g.at(j, i);
                    default -> g.at(h - 1 - j, w - 1 - i);
                };
                out[i * ow + j] = v;
            }
        }
        return new Grid(oh, ow, out);
    }

    /** {@code g} under the inverse of transform {@code id}: {@code invert(apply(g, id), id) == g}. */
    public static Grid invert(Grid g, int id) { return apply(g, inverse(id)); }

    private static int check(int id) {
        if (id < 0 || id >= COUNT) throw new IllegalArgumentException("dihedral transform " + id + " is not in 0..7");
        return id;
    }
}
