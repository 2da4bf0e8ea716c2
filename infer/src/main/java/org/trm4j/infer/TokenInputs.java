package org.trm4j.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.trm4j.model.Safetensors;
import org.trm4j.model.TrmConfig;

/**
 * A batch of raw token rows for a model, as the reference oracle's {@code forward --inputs} takes it: a text file
 * (one row of token ids a line, separated by spaces or commas; blank lines and {@code #} comments skipped) or a
 * safetensors file (integer {@code inputs} [B, L], optional {@code puzzle_identifiers} or {@code identifiers} [B];
 * ids default to 0).
 *
 * @param inputs    [B * seqLen] row-major
 * @param puzzleIds [B]
 */
public record TokenInputs(int[] inputs, int[] puzzleIds) {

    public int batch() { return puzzleIds.length; }

    /** Reads {@code file} and checks it against {@code c} (row length, token and id ranges). */
    public static TokenInputs read(Path file, TrmConfig c) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("inputs file " + file + " does not exist");
        TokenInputs t = file.toString().endsWith(".safetensors") ? readSafetensors(file, c) : readText(file, c);
        for (int i = 0; i < t.inputs.length; i++)
            if (t.inputs[i] < 0 || t.inputs[i] >= c.vocabSize())
                throw new IOException(file + ": row " + (i / c.seqLen() + 1) + " has token " + t.inputs[i] + " outside the vocabulary 0.." + (c.vocabSize() - 1));
        for (int b = 0; b < t.puzzleIds.length; b++)
            if (t.puzzleIds[b] < 0 || t.puzzleIds[b] >= c.numPuzzleIdentifiers())
                throw new IOException(file + ": puzzle identifier " + t.puzzleIds[b] + " of row " + (b + 1) + " is outside 0.." + (c.numPuzzleIdentifiers() - 1));
        return t;
    }

    private static TokenInputs readText(Path file, TrmConfig c) throws IOException {
        List<int[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file)) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) continue;
            String[] parts = s.split("[\\s,]+");
            if (parts.length != c.seqLen())
                throw new IOException(file + ":" + lineNo + ": " + parts.length + " tokens, the model's seq_len is " + c.seqLen());
            int[] row = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    row[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ":" + lineNo + ": '" + parts[i] + "' is not a token id");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) throw new IOException(file + ": no token rows");
        int[] in = new int[rows.size() * c.seqLen()];
        for (int b = 0; b < rows.size(); b++) System.arraycopy(rows.get(b), 0, in, b * c.seqLen(), c.seqLen());
        return new TokenInputs(in, new int[rows.size()]);
    }

    private static TokenInputs readSafetensors(Path file, TrmConfig c) throws IOException {
        try (Safetensors.Reader r = Safetensors.open(file)) {
            if (!r.entries().containsKey("inputs")) throw new IOException(file + ": no 'inputs' tensor");
            long[] shape = r.entry("inputs").shape();
            if (shape.length != 2 || shape[1] != c.seqLen() || shape[0] < 1)
                throw new IOException(file + ": inputs have shape " + java.util.Arrays.toString(shape) + ", [B, " + c.seqLen() + "] expected");
            int[] in = r.readInts("inputs");
            int b = (int) shape[0];
            String idName = r.entries().containsKey("puzzle_identifiers") ? "puzzle_identifiers" : r.entries().containsKey("identifiers") ? "identifiers" : null;
            int[] ids = new int[b];
            if (idName != null) {
                ids = r.readInts(idName);
                if (ids.length != b) throw new IOException(file + ": " + idName + " has " + ids.length + " values for " + b + " input rows");
            }
            return new TokenInputs(in, ids);
        }
    }
}
