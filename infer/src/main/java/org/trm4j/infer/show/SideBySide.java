package org.trm4j.infer.show;

import java.util.List;

/** Text blocks (boards) printed next to each other with a title above each. */
public final class SideBySide {
    private SideBySide() {}

    /** {@code blocks} side by side, each under its title, separated by {@code gap} spaces. */
    public static String join(List<String> titles, List<String> blocks, int gap) {
        int n = blocks.size();
        String[][] lines = new String[n][];
        int[] width = new int[n];
        int height = 0;
        for (int i = 0; i < n; i++) {
            lines[i] = (titles.get(i) + "\n" + blocks.get(i)).split("\n", -1);
            if (lines[i].length > 0 && lines[i][lines[i].length - 1].isEmpty()) lines[i] = java.util.Arrays.copyOf(lines[i], lines[i].length - 1);
            for (String l : lines[i]) width[i] = Math.max(width[i], visibleLength(l));
            height = Math.max(height, lines[i].length);
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < height; r++) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < n; i++) {
                String l = r < lines[i].length ? lines[i][r] : "";
                row.append(l);
                if (i < n - 1) row.append(" ".repeat(width[i] - visibleLength(l) + gap));
            }
            sb.append(row.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Length without ANSI colour sequences. */
    static int visibleLength(String s) { return s.replaceAll("\u001b\\[[0-9;]*m", "").length(); }
}
