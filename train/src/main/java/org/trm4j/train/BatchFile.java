package org.trm4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.trm4j.kernels.Losses;
import org.trm4j.model.Safetensors;
import org.trm4j.model.TrmConfig;
import org.trm4j.model.graph.Batch;

/**
 * A batch as a safetensors file, as the reference oracle reads and make_batch.py writes it: integer {@code inputs} and
 * {@code labels} [B, seq_len] (-100 = no loss), optional {@code puzzle_identifiers} (or {@code identifiers}) [B],
 * 0 when absent.
 */
public final class BatchFile {
    private BatchFile() {}

    /** Reads and checks {@code f} against {@code c} (shape, token and id ranges); any problem is an IOException naming it. */
    public static Batch read(Path f, TrmConfig c) throws IOException {
        if (!Files.isRegularFile(f)) throw new IOException("--batch-file " + f + ": no such file");
        try (Safetensors.Reader r = Safetensors.open(f)) {
            for (String need : new String[] {"inputs", "labels"})
                if (!r.entries().containsKey(need)) throw new IOException(f + ": needs an int tensor `" + need + "` [B, " + c.seqLen() + "]");
            long[] shape = r.entries().get("inputs").shape();
            if (shape.length != 2 || shape[1] != c.seqLen() || shape[0] < 1)
                throw new IOException(f + ": inputs has shape " + Arrays.toString(shape) + ", expected [B, " + c.seqLen() + "]");
            if (!Arrays.equals(r.entries().get("labels").shape(), shape))
                throw new IOException(f + ": labels has shape " + r.entries().get("labels").shapeString() + ", inputs " + Arrays.toString(shape));
            int b = (int) shape[0];
            int[] in = r.readInts("inputs"), lab = r.readInts("labels");
            String idName = r.entries().containsKey("puzzle_identifiers") ? "puzzle_identifiers" : r.entries().containsKey("identifiers") ? "identifiers" : null;
            int[] ids = idName == null ? new int[b] : r.readInts(idName);
            if (ids.length != b) throw new IOException(f + ": " + idName + " has " + ids.length + " entries, expected " + b);
            for (int v : in) if (v < 0 || v >= c.vocabSize()) throw new IOException(f + ": input token " + v + " outside [0, " + c.vocabSize() + ")");
            for (int v : lab)
                if (v != Losses.IGNORE && (v < 0 || v >= c.vocabSize())) throw new IOException(f + ": label " + v + " outside [0, " + c.vocabSize() + ") and not -100");
            for (int v : ids)
                if (v < 0 || v >= c.numPuzzleIdentifiers()) throw new IOException(f + ": puzzle identifier " + v + " outside [0, " + c.numPuzzleIdentifiers() + ")");
            return new Batch(in, lab, ids);
        }
    }
}
