package org.trm4j.train.data;

import java.util.random.RandomGenerator;

/**
 * One of the reference's ARC augmentations: a permutation of colours 1..9 (0, the background, fixed) followed by
 * dihedral transform {@code dihedral}. Its name is the reference's: {@code taskId|||t<dihedral>|||<10 mapped colours>}
 * (the identity keeps the bare task id), which is how a puzzle identifier is traced back to its task and inverse.
 */
public record ArcAugmentation(int dihedral, int[] colourMap) {
    /** The reference's separator inside puzzle names. */
    public static final String SEPARATOR = "|||";

    public ArcAugmentation {
        if (colourMap.length != 10 || colourMap[0] != 0) throw new IllegalArgumentException("a colour map has 10 entries and keeps 0");
        boolean[] seen = new boolean[10];
        for (int c : colourMap) {
            if (c < 0 || c > 9 || seen[c]) throw new IllegalArgumentException("colour map " + java.util.Arrays.toString(colourMap) + " is not a permutation");
            seen[c] = true;
        }
        Dihedral.inverse(dihedral);
        colourMap = colourMap.clone();
    }

    /** The identity. */
    public static ArcAugmentation identity() { return new ArcAugmentation(0, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}); }

    /** A random one, drawn as the reference's {@code aug} draws it. */
    public static ArcAugmentation random(RandomGenerator rnd) {
        int t = rnd.nextInt(Dihedral.COUNT);
        int[] p = SudokuTransform.permutation(9, rnd), map = new int[10];
        for (int i = 0; i < 9; i++) map[i + 1] = p[i] + 1;
        return new ArcAugmentation(t, map);
    }

    /** Whether this is the identity. */
    public boolean isIdentity() { return equals(identity()); }

    /** {@code g} under this augmentation. */
    public Grid apply(Grid g) { return Dihedral.apply(g.mapValues(colourMap), dihedral); }

    /** The grid {@link #apply} maps to {@code g}: {@code invert(apply(g)) == g}. */
    public Grid invert(Grid g) {
        int[] inverse = new int[10];
        for (int c = 0; c < 10; c++) inverse[colourMap[c]] = c;
        return Dihedral.invert(g, dihedral).mapValues(inverse);
    }

    /** The puzzle name of task {@code taskId} under this augmentation. */
    public String name(String taskId) {
        if (isIdentity()) return taskId;
        StringBuilder b = new StringBuilder(taskId).append(SEPARATOR).append('t').append(dihedral).append(SEPARATOR);
        for (int c : colourMap) b.append(c);
        return b.toString();
    }

    /** A task id and augmentation read back from a puzzle name. */
    public record Named(String taskId, ArcAugmentation augmentation) {}

    /** Parses a name made by {@link #name}. */
    public static Named parse(String name) {
        int a = name.indexOf(SEPARATOR);
        if (a < 0) return new Named(name, identity());
        String[] parts = name.substring(a + SEPARATOR.length()).split("\\|\\|\\|", -1);
        if (parts.length != 2 || !parts[0].matches("t[0-7]") || !parts[1].matches("[0-9]{10}"))
            throw new IllegalArgumentException("'" + name + "' is not an ARC puzzle name (task|||t<0-7>|||<10 colours>)");
        int[] map = new int[10];
        for (int i = 0; i < 10; i++) map[i] = parts[1].charAt(i) - '0';
        return new Named(name.substring(0, a), new ArcAugmentation(parts[0].charAt(1) - '0', map));
    }

    @Override public boolean equals(Object o) {
        return o instanceof ArcAugmentation x && x.dihedral == dihedral && java.util.Arrays.equals(x.colourMap, colourMap);
    }

    @Override public int hashCode() { return 31 * dihedral + java.util.Arrays.hashCode(colourMap); }

    /** "identity" or the name's augmentation part, e.g. {@code t3|||0213456789}. */
    @Override public String toString() { return isIdentity() ? "identity" : name("").substring(SEPARATOR.length()); }
}
