package org.trm4j.train.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The maze loader: CSV in the reference's layout ({@code source,question,answer,rating}, N*N characters over
 * {@code # SGo}). Every row is checked (size, characters, one S and one G, the answer's path a shortest path);
 * bad input is a {@link BadDataException} naming the file and line.
 */
public final class MazeFiles {
    private MazeFiles() {}

    /** Reads up to {@code limit} mazes (all when not positive); every maze must have the first one's size. */
    public static List<MazePuzzle> readCsv(Path file, int limit) throws IOException {
        List<MazePuzzle> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw new BadDataException(file + ": empty file (expected the header " + SudokuFiles.CSV_HEADER + ")");
            header = strip(header).replace("\uFEFF", "");
            if (!header.equals(SudokuFiles.CSV_HEADER))
                throw new BadDataException(file + ":1: header is '" + header + "', expected '" + SudokuFiles.CSV_HEADER + "'");
            int side = -1, lineNo = 1;
            for (String line; (line = r.readLine()) != null && (limit <= 0 || out.size() < limit); ) {
                lineNo++;
                line = strip(line);
                if (line.isEmpty()) continue;
                // The question and answer contain no commas ('# SGo'), so a plain split is exact.
                String[] f = line.split(",", -1);
                if (f.length != 4) throw new BadDataException(file + ":" + lineNo + ": " + f.length + " fields, expected 4 (" + SudokuFiles.CSV_HEADER + ")");
                try {
                    Grid q, a;
                    try { q = MazeGrid.parse(unquote(f[1])); } catch (IllegalArgumentException e) { throw new IllegalArgumentException("question: " + e.getMessage()); }
                    try { a = MazeGrid.parse(unquote(f[2])); } catch (IllegalArgumentException e) { throw new IllegalArgumentException("answer: " + e.getMessage()); }
                    if (side < 0) side = q.rows();
                    if (q.rows() != side) throw new IllegalArgumentException("a " + q.shape() + " maze in a file of " + side + "x" + side + " mazes");
                    String wrong = MazePaths.checkAnswer(q, a);
                    if (wrong != null) throw new IllegalArgumentException(wrong);
                    String rating = f[3].trim();
                    int rt;
                    try { rt = rating.isEmpty() ? 0 : Integer.parseInt(rating); } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("rating '" + rating + "' is not an integer");
                    }
                    out.add(new MazePuzzle(unquote(f[0]), q, a, rt));
                } catch (IllegalArgumentException e) {
                    throw new BadDataException(file + ":" + lineNo + ": " + e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadDataException(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new BadDataException(file + ": not UTF-8 text");
        }
        if (out.isEmpty()) throw new BadDataException(file + ": no mazes");
        return out;
    }

    /** Writes mazes in the same CSV layout (for generated sets and tests). */
    public static void writeCsv(Path file, List<MazePuzzle> mazes) throws IOException {
        StringBuilder b = new StringBuilder(SudokuFiles.CSV_HEADER).append('\n');
        for (MazePuzzle m : mazes)
            b.append(m.source()).append(',').append(MazeGrid.format(m.question())).append(',').append(MazeGrid.format(m.answer()))
                    .append(',').append(m.rating()).append('\n');
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, b);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static String strip(String s) { return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s; }
}
