package org.trm4j.model;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.NativeArray;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The safetensors format (huggingface/safetensors): an 8-byte little-endian unsigned header length N, N bytes of
 * UTF-8 JSON <code>{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ..., "__metadata__":
 * {"key": "string value"}}</code> (padded with spaces), then the raw little-endian tensor bytes, offsets relative to
 * the end of the header.
 *
 * <p>Writing: always F32, tensors in the given order, packed, header padded to a multiple of 8 bytes; the file is
 * written to a temporary file in the same folder, forced to disk, then moved over the target (atomically where the
 * file system can), so a crash never leaves a half-written checkpoint under the target name.
 *
 * <p>Reading: F32, and BF16, F16, F64 converted to float (BF16 exactly; F16 exactly; F64 rounded to nearest float).
 * Any other dtype is reported with the tensor's name. Every structural problem (short file, header length past the
 * end, bad JSON, a malformed entry, offsets out of the data or not matching dtype x shape) is an
 * {@link IOException} whose message names the file and the tensor.
 */
public final class Safetensors {
    private Safetensors() {}

    public static final String METADATA_KEY = "__metadata__";
    /** Largest header accepted (the reference implementation's limit). */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Element types this reader knows the size of; only F32, BF16, F16, F64 are converted to float. */
    public enum DType {
        F64(8), F32(4), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1),
        U16(2), U32(4), U64(8), F8_E4M3(1), F8_E5M2(1);

        public final int bytes;
        DType(int bytes) { this.bytes = bytes; }

        /** True for the types {@link Reader#readFloat} converts. */
        public boolean readableAsFloat() { return this == F32 || this == BF16 || this == F16 || this == F64; }
    }

    /** A tensor to write: shape and values (row-major): a FloatArray is written as F32, an IntArray as I32. */
    public record Tensor(int[] shape, NativeArray data) {
        public Tensor {
            if (!(data instanceof FloatArray) && !(data instanceof IntArray))
                throw new IllegalArgumentException("only FloatArray (F32) and IntArray (I32) tensors can be written, got " + data.getClass().getSimpleName());
            shape = shape.clone();
            long n = 1;
            for (int d : shape) {
                if (d < 0) throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
                n *= d;
            }
            if (n != data.getSize()) throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n + " elements but the array " + data.getSize());
        }
        @Override public int[] shape() { return shape.clone(); }
    }

    /** One header entry: dtype, shape, byte range [begin, end) in the data section. */
    public record Entry(String name, DType dtype, long[] shape, long begin, long end) {
        @Override public long[] shape() { return shape.clone(); }
        public long numel() { long n = 1; for (long d : shape) n *= d; return n; }
        public String shapeString() { return Arrays.toString(shape); }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /** Writes {@code tensors} (in map order, F32 or I32) with {@code metadata}, atomically (temp file + move). */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA_KEY);
            metadata.forEach((k, v) -> meta.put(k, v));
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA_KEY)) throw new IllegalArgumentException("a tensor may not be called " + METADATA_KEY);
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().data() instanceof IntArray ? "I32" : "F32");
            ArrayNode shape = t.putArray("shape");
            for (int d : e.getValue().shape()) shape.add(d);
            long bytes = e.getValue().data().getSize() * 4L;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = Arrays.copyOf(json, padded);
        Arrays.fill(headerBytes, json.length, padded, (byte) ' ');

        Path dir = path.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = (dir == null ? Path.of(".") : dir).resolve("." + path.getFileName() + ".tmp-" + UUID.randomUUID());
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).flip();
            writeFully(ch, len);
            writeFully(ch, ByteBuffer.wrap(headerBytes));
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            MemorySegment chunkSeg = MemorySegment.ofBuffer(chunk);
            for (Tensor t : tensors.values()) {
                MemorySegment src = t.data().getSegment();
                long n = t.data().getSize();
                for (long i = 0; i < n; ) {
                    long m = Math.min(n - i, chunk.capacity() / 4);
                    if (t.data() instanceof IntArray) MemorySegment.copy(src, ValueLayout.JAVA_INT, i * 4, chunkSeg, I32_LE, 0, m);
                    else MemorySegment.copy(src, ValueLayout.JAVA_FLOAT, i * 4, chunkSeg, F32_LE, 0, m);
                    chunk.clear().limit((int) (m * 4));
                    writeFully(ch, chunk);
                    i += m;
                }
            }
            ch.force(true);
            done = true;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
        try {
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }

    // ------------------------------------------------------------------------------------------------ reading

    /** Opens {@code path}, validates its header (not the values) and maps it for reading. Close it when done. */
    public static Reader open(Path path) throws IOException { return new Reader(path); }

    /** An open safetensors file: its entries, its metadata and float access to the tensors. */
    public static final class Reader implements AutoCloseable {
        private final Path path;
        private final Arena arena = Arena.ofShared();
        private final MemorySegment data;
        private final Map<String, Entry> entries;
        private final Map<String, String> metadata;

        private Reader(Path path) throws IOException {
            this.path = path;
            boolean ok = false;
            if (java.nio.file.Files.isDirectory(path)) throw bad("is a directory, not a safetensors file");
            if (!java.nio.file.Files.exists(path)) throw bad("not found");
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size < 8) throw bad("truncated file: " + size + " bytes, less than the 8-byte header length");
                ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                while (lenBuf.hasRemaining() && ch.read(lenBuf, lenBuf.position()) >= 0) { }
                long headerLen = lenBuf.flip().getLong();
                if (headerLen < 0 || headerLen > MAX_HEADER_BYTES)
                    throw bad("header length " + Long.toUnsignedString(headerLen) + " is not plausible (at most " + MAX_HEADER_BYTES + " bytes; not a safetensors file?)");
                if (8 + headerLen > size)
                    throw bad("truncated header: it declares " + headerLen + " bytes of JSON but only " + (size - 8) + " bytes follow");
                ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
                while (hb.hasRemaining()) if (ch.read(hb, 8 + hb.position()) < 0) throw bad("truncated header");
                String headerText = new String(hb.array(), StandardCharsets.UTF_8);
                JsonNode root;
                try {
                    root = JSON.readTree(headerText);
                } catch (JsonProcessingException e) {
                    throw bad("header is not valid JSON: " + e.getOriginalMessage());
                }
                if (root == null || !root.isObject()) throw bad("header is not a JSON object");
                long dataLen = size - 8 - headerLen;
                Map<String, Entry> es = new LinkedHashMap<>();
                Map<String, String> meta = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> f : root.properties()) {
                    if (f.getKey().equals(METADATA_KEY)) {
                        if (!f.getValue().isObject()) throw bad(METADATA_KEY + " must be an object of strings");
                        for (Map.Entry<String, JsonNode> kv : f.getValue().properties()) {
                            if (!kv.getValue().isTextual()) throw bad(METADATA_KEY + "." + kv.getKey() + " must be a string, got " + kv.getValue());
                            meta.put(kv.getKey(), kv.getValue().asText());
                        }
                    } else {
                        es.put(f.getKey(), parseEntry(f.getKey(), f.getValue(), dataLen));
                    }
                }
                // Offsets must not overlap (the format packs tensors).
                List<Entry> sorted = new ArrayList<>(es.values());
                sorted.sort((a, b) -> Long.compare(a.begin(), b.begin()));
                for (int i = 1; i < sorted.size(); i++)
                    if (sorted.get(i).begin() < sorted.get(i - 1).end())
                        throw bad("tensor " + sorted.get(i).name() + ": data_offsets overlap those of " + sorted.get(i - 1).name());
                this.entries = Collections.unmodifiableMap(es);
                this.metadata = Collections.unmodifiableMap(meta);
                this.data = dataLen == 0 ? MemorySegment.NULL : ch.map(FileChannel.MapMode.READ_ONLY, 8 + headerLen, dataLen, arena);
                ok = true;
            } finally {
                if (!ok) arena.close();
            }
        }

        private Entry parseEntry(String name, JsonNode n, long dataLen) throws IOException {
            if (!n.isObject()) throw bad("tensor " + name + ": header entry is not an object");
            JsonNode dt = n.get("dtype"), sh = n.get("shape"), off = n.get("data_offsets");
            if (dt == null || !dt.isTextual()) throw bad("tensor " + name + ": missing or non-string \"dtype\"");
            DType dtype;
            try {
                dtype = DType.valueOf(dt.asText());
            } catch (IllegalArgumentException e) {
                throw bad("tensor " + name + ": unknown dtype " + dt.asText());
            }
            if (sh == null || !sh.isArray()) throw bad("tensor " + name + ": missing or non-array \"shape\"");
            long[] shape = new long[sh.size()];
            long numel = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = sh.get(i);
                if (!d.isIntegralNumber() || d.asLong() < 0) throw bad("tensor " + name + ": shape " + sh + " must hold non-negative integers");
                shape[i] = d.asLong();
                numel = Math.multiplyExact(numel, shape[i]);
            }
            if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber())
                throw bad("tensor " + name + ": \"data_offsets\" must be [begin, end], got " + off);
            long begin = off.get(0).asLong(), end = off.get(1).asLong();
            if (begin < 0 || end < begin) throw bad("tensor " + name + ": data_offsets [" + begin + ", " + end + "] are not a valid range");
            if (end > dataLen)
                throw bad("tensor " + name + ": data_offsets [" + begin + ", " + end + "] run past the end of the data section ("
                        + dataLen + " bytes): file truncated?");
            long expect = numel * dtype.bytes;
            if (end - begin != expect)
                throw bad("tensor " + name + ": " + dtype + " " + Arrays.toString(shape) + " needs " + expect + " bytes but data_offsets ["
                        + begin + ", " + end + "] hold " + (end - begin));
            return new Entry(name, dtype, shape, begin, end);
        }

        private IOException bad(String msg) { return new IOException(path + ": " + msg); }

        public Path path() { return path; }

        /** Header entries by name, in file order (metadata excluded). */
        public Map<String, Entry> entries() { return entries; }

        /** The {@value #METADATA_KEY} strings (empty when absent). */
        public Map<String, String> metadata() { return metadata; }

        /** The entry called {@code name}; an IOException naming the file when absent. */
        public Entry entry(String name) throws IOException {
            Entry e = entries.get(name);
            if (e == null) throw bad("no tensor " + name);
            return e;
        }

        /** The values of {@code name} as float (F32, BF16, F16, F64 converted). */
        public FloatArray readFloat(String name) throws IOException {
            Entry e = entry(name);
            if (e.numel() > Integer.MAX_VALUE) throw bad("tensor " + name + " has " + e.numel() + " elements, more than one array holds");
            FloatArray out = new FloatArray((int) e.numel());
            readFloatInto(name, out);
            return out;
        }

        /** Reads {@code name} into {@code out}, which must have exactly its element count. */
        public void readFloatInto(String name, FloatArray out) throws IOException {
            Entry e = entry(name);
            if (!e.dtype().readableAsFloat())
                throw bad("tensor " + name + ": dtype " + e.dtype() + " cannot be read as float (F32 expected; BF16, F16, F64 are converted)");
            if (e.numel() != out.getSize())
                throw bad("tensor " + name + ": " + e.numel() + " elements in the file, " + out.getSize() + " expected");
            MemorySegment dst = out.getSegment();
            long n = e.numel(), b = e.begin();
            switch (e.dtype()) {
                case F32 -> MemorySegment.copy(data, F32_LE, b, dst, ValueLayout.JAVA_FLOAT, 0, n);
                case BF16 -> {
                    for (long i = 0; i < n; i++)
                        dst.setAtIndex(ValueLayout.JAVA_FLOAT, i, Float.intBitsToFloat((data.get(I16_LE, b + 2 * i) & 0xFFFF) << 16));
                }
                case F16 -> {
                    for (long i = 0; i < n; i++)
                        dst.setAtIndex(ValueLayout.JAVA_FLOAT, i, Float.float16ToFloat(data.get(I16_LE, b + 2 * i)));
                }
                case F64 -> {
                    for (long i = 0; i < n; i++)
                        dst.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) data.get(F64_LE, b + 8 * i));
                }
                default -> throw new AssertionError(e.dtype());
            }
        }

        /** The values of integer tensor {@code name} (I32, or I64/I16/I8/U8 within int range) as an int array. */
        public int[] readInts(String name) throws IOException {
            Entry e = entry(name);
            if (e.numel() > Integer.MAX_VALUE) throw bad("tensor " + name + " has " + e.numel() + " elements, more than one array holds");
            int n = (int) e.numel();
            int[] out = new int[n];
            long b = e.begin();
            switch (e.dtype()) {
                case I32 -> MemorySegment.copy(data, I32_LE, b, MemorySegment.ofArray(out), ValueLayout.JAVA_INT, 0, n);
                case I64 -> {
                    for (int i = 0; i < n; i++) {
                        long v = data.get(I64_LE, b + 8L * i);
                        if (v != (int) v) throw bad("tensor " + name + ": value " + v + " at " + i + " does not fit an int");
                        out[i] = (int) v;
                    }
                }
                case I16 -> { for (int i = 0; i < n; i++) out[i] = data.get(I16_LE, b + 2L * i); }
                case I8 -> { for (int i = 0; i < n; i++) out[i] = data.get(ValueLayout.JAVA_BYTE, b + i); }
                case U8 -> { for (int i = 0; i < n; i++) out[i] = data.get(ValueLayout.JAVA_BYTE, b + i) & 0xFF; }
                default -> throw bad("tensor " + name + ": dtype " + e.dtype() + " is not an integer type (I32 expected; I64, I16, I8, U8 are converted)");
            }
            return out;
        }

        @Override public void close() { arena.close(); }
    }
}
