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
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * Sudoku loaders: the Sudoku-Extreme CSV ({@code source,question,answer,rating}) and one-puzzle-per-line lists
 * (the tdoku files: {@code #} comments, no answers), whose answers our exact solver fills in. Bad input is a
 * {@link BadDataException} naming the file and line.
 */
public final class SudokuFiles {
    private SudokuFiles() {}

    /** The header of the Sudoku-Extreme layout. */
    public static final String CSV_HEADER = "source,question,answer,rating";

    /** Reads a CSV in the Sudoku-Extreme layout; the board size comes from the first row (16, 36 or 81 characters). */
    public static List<SudokuPuzzle> readCsv(Path file, int limit) throws IOException {
        List<SudokuPuzzle> out = new ArrayList<>();
        try (BufferedReader r = open(file)) {
            String header = r.readLine();
            if (header == null) throw new BadDataException(file + ": empty file (expected the header " + CSV_HEADER + ")");
            if (!strip(header).replace("\uFEFF", "").equals(CSV_HEADER))
                throw new BadDataException(file + ":1: header is '" + strip(header) + "', expected '" + CSV_HEADER + "'");
            SudokuShape shape = null;
            int lineNo = 1;
            for (String line; (line = r.readLine()) != null && (limit <= 0 || out.size() < limit); ) {
                lineNo++;
                line = strip(line);
                if (line.isEmpty()) continue;
                String[] f = line.split(",", -1);
                if (f.length != 4) throw new BadDataException(file + ":" + lineNo + ": " + f.length + " fields, expected 4 (" + CSV_HEADER + ")");
                String q = unquote(f[1]), a = unquote(f[2]);
                try {
                    if (shape == null) shape = SudokuShape.ofCells(q.length());
                    int[] question = SudokuGrid.parse(q, shape, true);
                    int[] answer;
                    try {
                        answer = SudokuGrid.parse(a, shape, false);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("answer: " + e.getMessage());
                    }
                    String wrong = SudokuGrid.checkSolution(question, answer, shape);
                    if (wrong != null) throw new IllegalArgumentException(wrong);
                    String rating = unquote(f[3]).trim();
                    long rt;
                    try {
                        rt = rating.isEmpty() ? 0 : Long.parseLong(rating);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("rating '" + rating + "' is not an integer");
                    }
                    out.add(new SudokuPuzzle(unquote(f[0]), shape, question, answer, rt));
                } catch (IllegalArgumentException e) {
                    throw new BadDataException(file + ":" + lineNo + ": " + e.getMessage());
                }
            }
        } catch (MalformedInputException e) {
            throw new BadDataException(file + ": not UTF-8 text");
        }
        if (out.isEmpty()) throw new BadDataException(file + ": no puzzles");
        return out;
    }

    /**
     * Reads one puzzle per line ({@code .} or {@code 0} blank; {@code #} comments and empty lines skipped; the board size
     * from the first puzzle), solves each and refuses a puzzle with no or several solutions. The rating is our
     * solver's dead-end count while solving and proving the solution unique. At most {@code limit} puzzles when positive.
     */
    public static List<SudokuPuzzle> readLines(Path file, int limit, Progress progress) throws IOException {
        record Line(int no, String text) {}
        List<Line> lines = new ArrayList<>();
        try (BufferedReader r = open(file)) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null && (limit <= 0 || lines.size() < limit); ) {
                lineNo++;
                line = strip(line);
                if (line.isEmpty() || line.startsWith("#")) continue;
                lines.add(new Line(lineNo, line));
            }
        } catch (MalformedInputException e) {
            throw new BadDataException(file + ": not UTF-8 text");
        }
        if (lines.isEmpty()) throw new BadDataException(file + ": no puzzles");
        SudokuShape shape;
        try {
            shape = SudokuShape.ofCells(lines.getFirst().text().length());
        } catch (IllegalArgumentException e) {
            throw new BadDataException(file + ":" + lines.getFirst().no() + ": " + e.getMessage());
        }
        String source = file.getFileName().toString();
        SudokuPuzzle[] out = new SudokuPuzzle[lines.size()];
        String[] errors = new String[lines.size()];
        AtomicReference<Integer> firstError = new AtomicReference<>(Integer.MAX_VALUE);
        progress.start("solving " + source, lines.size());
        IntStream.range(0, lines.size()).parallel().forEach(i -> {
            if (i > firstError.get()) return;
            Line l = lines.get(i);
            try {
                int[] q = SudokuGrid.parse(l.text(), shape, true);
                SudokuSolver.Result res = SudokuSolver.solve(q, shape, 2);
                if (res.solutions() == 0) throw new IllegalArgumentException("the puzzle has no solution");
                if (res.solutions() > 1) throw new IllegalArgumentException("the puzzle has more than one solution");
                out[i] = new SudokuPuzzle(source, shape, q, res.first(), res.deadEnds());
            } catch (IllegalArgumentException e) {
                errors[i] = file + ":" + l.no() + ": " + e.getMessage();
                firstError.accumulateAndGet(i, Math::min);
            }
            progress.step();
        });
        progress.end();
        int bad = firstError.get();
        if (bad != Integer.MAX_VALUE) throw new BadDataException(errors[bad]);
        return List.of(out);
    }

    /** Either layout, by the first line: a CSV header (it has commas), else one puzzle per line. */
    public static List<SudokuPuzzle> read(Path file, int limit, Progress progress) throws IOException {
        String first;
        try (BufferedReader r = open(file)) {
            first = r.readLine();
        }
        return first != null && first.contains(",") ? readCsv(file, limit) : readLines(file, limit, progress);
    }

    private static BufferedReader open(Path file) throws IOException {
        try {
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadDataException(file + ": no such file");
        }
    }

    private static String strip(String s) { return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s; }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
