package org.trm4j.infer.torch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.trm4j.api.FloatArray;
import org.trm4j.model.Checkpoint;
import org.trm4j.model.Safetensors;

/**
 * Reads a PyTorch {@code torch.save} file of a state dict (the zip layout: {@code <name>/data.pkl} plus one
 * {@code <name>/data/<key>} entry per storage) into float32 tensors, with the restricted {@link PickleMachine}.
 * Storages of float32, bfloat16 and float16 are read (little-endian); the torch.compile prefix
 * {@code _orig_mod.} is dropped from the names.
 *
 * <p>A broken or hostile file is refused with an {@link IOException} whose message names the file and the
 * problem: not a zip, no or several data.pkl, a pickle the restricted unpickler refuses, a storage entry missing or
 * of another size than its declared element count, a tensor whose offset/size/stride reach outside its storage,
 * a tensor larger than its storage (a state dict has no broadcast views), more than {@value #MAX_TOTAL_BYTES}
 * bytes of tensors. Sizes are checked against the zip entries before anything of that size is allocated.
 */
public final class TorchStateDict {
    private TorchStateDict() {}

    /** The largest data.pkl read (a state dict's pickle is a few kB per tensor). */
    static final long MAX_PICKLE_BYTES = 64L << 20;
    /** The most tensor bytes read (the reference's ARC model with ~1M puzzle ids is about 2 GB). */
    static final long MAX_TOTAL_BYTES = 8L << 30;

    /** True when {@code path} starts like a zip file (a torch.save archive); safetensors files start with a length. */
    public static boolean looksLikeTorchZip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
        }
    }

    /** The tensors of the state dict in {@code path}, in file order, as float32. */
    public static Map<String, Safetensors.Tensor> read(Path path) throws IOException {
        try (ZipFile zip = open(path)) {
            String root = root(zip, path);
            byte[] pickle = readEntry(zip, path, root + "data.pkl", -1, MAX_PICKLE_BYTES);
            ZipEntry order = zip.getEntry(root + "byteorder");
            if (order != null) {
                String bo = new String(readEntry(zip, path, root + "byteorder", -1, 16), java.nio.charset.StandardCharsets.US_ASCII).trim();
                if (!bo.equals("little")) throw new IOException(path + ": byte order '" + bo + "' is not supported (little only)");
            }
            Object top;
            try {
                top = PickleMachine.load(pickle);
            } catch (IOException e) {
                throw new IOException(path + ": " + e.getMessage(), e);
            }
            if (!(top instanceof Map<?, ?> dict)) throw new IOException(path + ": the pickle is not a dict (a state dict was expected)");
            // Check everything before reading any data.
            Map<String, PickleMachine.TensorRef> refs = new LinkedHashMap<>();
            long total = 0;
            List<String> errors = new ArrayList<>();
            for (Map.Entry<?, ?> e : dict.entrySet()) {
                if (!(e.getKey() instanceof String k)) throw new IOException(path + ": a key of the state dict is not a string");
                if (!(e.getValue() instanceof PickleMachine.TensorRef t))
                    throw new IOException(path + ": entry '" + k + "' is not a tensor");
                String name = k.startsWith(Checkpoint.ORIG_MOD) ? k.substring(Checkpoint.ORIG_MOD.length()) : k;
                if (refs.put(name, t) != null) throw new IOException(path + ": tensor " + name + " appears twice");
                String problem = check(zip, root, t);
                if (problem != null) errors.add("tensor " + k + ": " + problem);
                else total += numel(t.size()) * 4;
                if (total > MAX_TOTAL_BYTES) throw new IOException(path + ": more than " + MAX_TOTAL_BYTES + " bytes of tensors");
            }
            if (!errors.isEmpty()) throw new IOException(path + ": " + String.join("; ", errors));
            Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
            Map<String, ByteBuffer> storages = new LinkedHashMap<>();
            for (Map.Entry<String, PickleMachine.TensorRef> e : refs.entrySet()) {
                PickleMachine.TensorRef t = e.getValue();
                int width = width(t.storage().type());
                ByteBuffer s = storages.get(t.storage().key());
                if (s == null) {
                    byte[] raw = readEntry(zip, path, root + "data/" + t.storage().key(), t.storage().numel() * width, MAX_TOTAL_BYTES);
                    s = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
                    storages.put(t.storage().key(), s);
                }
                out.put(e.getKey(), new Safetensors.Tensor(shape(t.size()), gather(s, t, width)));
            }
            return out;
        }
    }

    private static ZipFile open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new IOException(path + ": no such file");
        try {
            return new ZipFile(path.toFile());
        } catch (ZipException e) {
            throw new IOException(path + ": not a torch.save zip archive (" + e.getMessage() + ")");
        }
    }

    /** The archive's top folder ("archive/" or the file's stem), found from its one data.pkl. */
    private static String root(ZipFile zip, Path path) throws IOException {
        String found = null;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
            String n = en.nextElement().getName();
            if (n.endsWith("/data.pkl") && n.indexOf('/') == n.length() - "/data.pkl".length()) {
                if (found != null) throw new IOException(path + ": more than one data.pkl in the archive");
                found = n.substring(0, n.length() - "data.pkl".length());
            }
        }
        if (found == null) throw new IOException(path + ": no <name>/data.pkl in the archive (not a torch.save file of the zip format)");
        return found;
    }

    /** Why {@code t} does not fit its storage, or null. */
    private static String check(ZipFile zip, String root, PickleMachine.TensorRef t) {
        if (width(t.storage().type()) == 0) return "storage type " + t.storage().type() + " is not supported";
        ZipEntry e = zip.getEntry(root + "data/" + t.storage().key());
        if (e == null) return "its storage data/" + t.storage().key() + " is not in the archive";
        long bytes = t.storage().numel() * width(t.storage().type());
        if (t.storage().numel() > MAX_TOTAL_BYTES || e.getSize() != bytes)
            return "storage " + t.storage().key() + " declares " + t.storage().numel() + " elements (" + bytes + " bytes) but its entry holds " + e.getSize() + " bytes";
        if (t.size().length != t.stride().length) return "size " + Arrays.toString(t.size()) + " and stride " + Arrays.toString(t.stride()) + " differ in rank";
        if (t.offset() < 0) return "negative storage offset " + t.offset();
        long last = t.offset(), n = 1;
        for (int i = 0; i < t.size().length; i++) {
            long d = t.size()[i], st = t.stride()[i];
            if (d < 0 || d > Integer.MAX_VALUE || st < 0) return "bad size " + Arrays.toString(t.size()) + " / stride " + Arrays.toString(t.stride());
            if (d == 0) return null;   // empty tensor: nothing read
            n *= d;
            if (n > t.storage().numel()) return "size " + Arrays.toString(t.size()) + " has more elements than its storage (" + t.storage().numel() + ")";
            last += (d - 1) * st;
        }
        if (last >= t.storage().numel())
            return "offset " + t.offset() + " with size " + Arrays.toString(t.size()) + " and stride " + Arrays.toString(t.stride())
                    + " reaches element " + last + " of a storage of " + t.storage().numel();
        return null;
    }

    private static int width(PickleMachine.Global type) {
        return switch (type) {
            case FLOAT_STORAGE -> 4;
            case BFLOAT16_STORAGE, HALF_STORAGE -> 2;
            default -> 0;
        };
    }

    private static long numel(long[] size) { long n = 1; for (long d : size) n *= d; return n; }

    private static int[] shape(long[] size) {
        int[] s = new int[size.length];
        for (int i = 0; i < s.length; i++) s[i] = (int) size[i];
        return s;
    }

    /** Reads {@code name} whole; {@code expected} >= 0 is its exact size; never more than {@code limit} bytes. */
    private static byte[] readEntry(ZipFile zip, Path path, String name, long expected, long limit) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new IOException(path + ": " + name + " is missing");
        long declared = e.getSize();
        if (declared > limit || expected > limit) throw new IOException(path + ": " + name + " is larger than " + limit + " bytes");
        if (expected >= 0 && declared != expected) throw new IOException(path + ": " + name + " holds " + declared + " bytes, " + expected + " expected");
        if (declared > Integer.MAX_VALUE - 16) throw new IOException(path + ": " + name + " is too large for one array (" + declared + " bytes)");
        int cap = declared >= 0 ? (int) declared : (int) Math.min(limit, Integer.MAX_VALUE - 16);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] data = in.readNBytes(cap);
            if (declared >= 0 && data.length != declared) throw new IOException(path + ": " + name + " is truncated (" + data.length + " of " + declared + " bytes)");
            if (in.read() != -1) throw new IOException(path + ": " + name + " holds more bytes than it declares");
            return data;
        } catch (ZipException ex) {
            throw new IOException(path + ": " + name + " cannot be read (" + ex.getMessage() + ")");
        }
    }

    /** The tensor's elements in row-major order, widened to float. */
    private static FloatArray gather(ByteBuffer s, PickleMachine.TensorRef t, int width) {
        int n = (int) numel(t.size());
        FloatArray out = new FloatArray(n);
        int rank = t.size().length;
        long[] idx = new long[rank];
        for (int i = 0; i < n; i++) {
            long el = t.offset();
            for (int d = 0; d < rank; d++) el += idx[d] * t.stride()[d];
            out.set(i, element(s, t.storage().type(), (int) el));
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < t.size()[d]) break;
                idx[d] = 0;
            }
        }
        return out;
    }

    private static float element(ByteBuffer s, PickleMachine.Global type, int i) {
        return switch (type) {
            case FLOAT_STORAGE -> s.getFloat(i * 4);
            case BFLOAT16_STORAGE -> Float.intBitsToFloat((s.getShort(i * 2) & 0xffff) << 16);
            case HALF_STORAGE -> Float.float16ToFloat(s.getShort(i * 2));
            default -> throw new IllegalStateException("unchecked storage type " + type);
        };
    }
}
