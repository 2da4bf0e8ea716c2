package org.trm4j.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes RESULTS.md and the chart into a folder. The generated part sits between two marker lines and is replaced
 * whole; whatever the file holds outside them (earlier, hand-written results) is kept. Each file is written under
 * a temporary name and renamed, so an interrupted run leaves the old file.
 */
public final class ResultsFile {
    static final String BEGIN = "<!-- trm bench: generated from here; the next run replaces it -->";
    static final String END = "<!-- trm bench: end of generated part -->";
    public static final String MARKDOWN = "RESULTS.md", SVG = "results.svg";

    private ResultsFile() {}

    /** Puts {@code generated} into {@code dir}/RESULTS.md and {@code svg} (if not null) into {@code dir}/results.svg. */
    public static void write(Path dir, String generated, String svg) throws IOException {
        Files.createDirectories(dir);
        Path md = dir.resolve(MARKDOWN);
        String old = Files.isRegularFile(md) ? Files.readString(md) : "# Benchmark results\n\n" + BEGIN + "\n" + END + "\n";
        atomically(md, merge(old, generated));
        if (svg != null) atomically(dir.resolve(SVG), svg);
    }

    /** {@code old} with its generated part replaced; without markers the new part goes after the first heading. */
    static String merge(String old, String generated) {
        String block = BEGIN + "\n\n" + generated.strip() + "\n\n" + END;
        int b = old.indexOf(BEGIN), e = old.indexOf(END);
        if (b >= 0 && e > b) return old.substring(0, b) + block + old.substring(e + END.length());
        int firstBreak = old.startsWith("# ") ? old.indexOf('\n') + 1 : 0;
        return old.substring(0, firstBreak) + "\n" + block + "\n\n" + old.substring(firstBreak);
    }

    private static void atomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
