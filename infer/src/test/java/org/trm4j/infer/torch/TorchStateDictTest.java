package org.trm4j.infer.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.infer.cli.ConvertCommand;
import org.trm4j.model.Safetensors;

import picocli.CommandLine;

/**
 * The .pt reader on files written by the real torch.save (/usr/bin/python3 with python3-torch: required, the test
 * fails without it) and on hand-made hostile files, each refused with its own message.
 */
class TorchStateDictTest {
    @TempDir Path dir;

    static void python(String script) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "/usr/bin/python3 with torch is required (./test.sh installs python3-torch): " + out);
    }

    @Test
    void readsFloat32Bfloat16Float16ViewsAndTheCompilePrefix() throws Exception {
        Path pt = dir.resolve("sd.pt");
        python("""
                import torch, collections
                lin = torch.nn.Linear(3, 2)
                with torch.no_grad():
                    lin.weight.copy_(torch.tensor([[0.5, -1.25, 3.0], [2.0, 0.0, -7.5]])); lin.bias.copy_(torch.tensor([1.0, -2.0]))
                sd = collections.OrderedDict()
                for k, v in lin.state_dict().items(): sd['_orig_mod.lin.' + k] = v
                sd['bf'] = torch.tensor([[1.5, -2.0], [3.25, 1e-3]], dtype=torch.bfloat16)
                sd['half'] = torch.arange(12, dtype=torch.float16).reshape(3, 4)[:, 1:3]
                sd['scalar'] = torch.tensor(4.0)
                sd['t'] = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()
                sd._metadata = lin.state_dict()._metadata
                torch.save(sd, '%s')
                """.formatted(pt));
        assertTrue(TorchStateDict.looksLikeTorchZip(pt));
        Map<String, Safetensors.Tensor> t = TorchStateDict.read(pt);
        assertEquals(List.of("lin.weight", "lin.bias", "bf", "half", "scalar", "t"), List.copyOf(t.keySet()));
        assertArrayEquals(new int[] {2, 3}, t.get("lin.weight").shape());
        assertArrayEquals(new float[] {0.5f, -1.25f, 3f, 2f, 0f, -7.5f}, vals(t.get("lin.weight")));
        assertArrayEquals(new float[] {1f, -2f}, vals(t.get("lin.bias")));
        // bfloat16 keeps 8 bits of mantissa: 1e-3 becomes 0.00099945068359375.
        assertArrayEquals(new float[] {1.5f, -2f, 3.25f, 0.00099945068359375f}, vals(t.get("bf")));
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10}, vals(t.get("half")));
        assertArrayEquals(new int[] {}, t.get("scalar").shape());
        assertArrayEquals(new float[] {4f}, vals(t.get("scalar")));
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, vals(t.get("t")));

        Path st = dir.resolve("sd.safetensors");
        assertEquals(0, new CommandLine(new ConvertCommand()).execute(pt.toString(), st.toString()));
        try (Safetensors.Reader r = Safetensors.open(st)) {
            assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10}, r.readFloat("half").toHeapArray());
            assertEquals(Safetensors.DType.F32, r.entry("bf").dtype());
        }
    }

    @Test
    void refusesAFileThatIsNotAZip() throws IOException {
        Path f = dir.resolve("junk.pt");
        Files.write(f, "this is not a zip archive at all".getBytes(StandardCharsets.US_ASCII));
        assertRefused(f, "not a torch.save zip archive");
    }

    @Test
    void refusesAZipWithoutDataPkl() throws IOException {
        Path f = zip("nopkl.pt", Map.of("a/other.txt", new byte[] {1}));
        assertRefused(f, "no <name>/data.pkl");
    }

    @Test
    void refusesAGlobalOutsideTheList() throws Exception {
        Path f = dir.resolve("evil.pt"), marker = dir.resolve("pwned");
        python("""
                import torch, os
                class Evil:
                    def __reduce__(self): return (os.system, ('touch %s',))
                torch.save({'w': Evil()}, '%s')
                """.formatted(marker, f));
        assertRefused(f, "global posix.system is not allowed");
        assertFalse(Files.exists(marker));
    }

    @Test
    void refusesAnUnknownOpcode() throws IOException {
        // INST ('i'): a protocol-0 call by name, never used by torch.save.
        byte[] pkl = "\u0080\u0002(iposix\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(zip("inst.pt", Map.of("a/data.pkl", pkl)), "opcode 0x69 ('i') is not allowed");
    }

    @Test
    void refusesATruncatedPickle() throws IOException {
        byte[] good = stateDict(4, 0, new long[] {4}, new long[] {1});
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 3);
        assertRefused(zip("cut.pt", Map.of("a/data.pkl", cut, "a/data/0", new byte[16])), "data.pkl");
    }

    @Test
    void refusesAHugeDeclaredStorageWithoutAllocatingIt() throws IOException {
        Path f = zip("huge.pt", Map.of("a/data.pkl", stateDict(1L << 40, 0, new long[] {4}, new long[] {1}), "a/data/0", new byte[16]));
        assertRefused(f, "declares 1099511627776 elements");
    }

    @Test
    void refusesAStorageEntryOfTheWrongSize() throws IOException {
        Path f = zip("short.pt", Map.of("a/data.pkl", stateDict(4, 0, new long[] {4}, new long[] {1}), "a/data/0", new byte[12]));
        assertRefused(f, "its entry holds 12 bytes");
    }

    @Test
    void refusesAMissingStorage() throws IOException {
        Path f = zip("missing.pt", Map.of("a/data.pkl", stateDict(4, 0, new long[] {4}, new long[] {1})));
        assertRefused(f, "storage data/0 is not in the archive");
    }

    @Test
    void refusesAnOffsetOutsideTheStorage() throws IOException {
        Path f = zip("offset.pt", Map.of("a/data.pkl", stateDict(4, 2, new long[] {4}, new long[] {1}), "a/data/0", new byte[16]));
        assertRefused(f, "reaches element 5 of a storage of 4");
    }

    @Test
    void refusesATensorLargerThanItsStorage() throws IOException {
        Path f = zip("bcast.pt", Map.of("a/data.pkl", stateDict(4, 0, new long[] {1000000, 1000}, new long[] {0, 0}), "a/data/0", new byte[16]));
        assertRefused(f, "has more elements than its storage");
    }

    @Test
    void convertCommandSaysWhatIsWrongInOneLineAndWritesNothing() throws IOException {
        Path f = dir.resolve("junk.pt"), out = dir.resolve("out.safetensors");
        Files.write(f, new byte[] {1, 2, 3});
        var err = new java.io.StringWriter();
        CommandLine cl = new CommandLine(new ConvertCommand());
        cl.setErr(new java.io.PrintWriter(err));
        cl.setExecutionExceptionHandler((e, c, p) -> { c.getErr().println("trm: " + e.getMessage()); return 1; });
        assertEquals(1, cl.execute(f.toString(), out.toString()));
        assertTrue(err.toString().contains("not a torch.save zip archive"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertFalse(Files.exists(out));
    }

    private static float[] vals(Safetensors.Tensor t) { return ((org.trm4j.api.FloatArray) t.data()).toHeapArray(); }

    private void assertRefused(Path f, String why) {
        IOException e = assertThrows(IOException.class, () -> TorchStateDict.read(f));
        assertTrue(e.getMessage().contains(why), "message '" + e.getMessage() + "' should say '" + why + "'");
        assertTrue(e.getMessage().contains(f.toString()), "message should name the file: " + e.getMessage());
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream o = Files.newOutputStream(f); ZipOutputStream z = new ZipOutputStream(o)) {
            for (var e : new java.util.TreeMap<>(entries).entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return f;
    }

    /** A protocol-2 pickle of {'w': _rebuild_tensor_v2(storage '0' of numel floats, offset, size, stride, False, {})}. */
    static byte[] stateDict(long numel, long offset, long[] size, long[] stride) {
        var b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x80, 2});
        global(b, "collections", "OrderedDict");
        b.write(')');
        b.write('R');
        b.write('(');
        str(b, "w");
        global(b, "torch._utils", "_rebuild_tensor_v2");
        b.write('(');
        b.write('(');
        str(b, "storage");
        global(b, "torch", "FloatStorage");
        str(b, "0");
        str(b, "cpu");
        integer(b, numel);
        b.write('t');
        b.write('Q');
        integer(b, offset);
        tuple(b, size);
        tuple(b, stride);
        b.write(0x89);
        b.write('}');
        b.write('t');
        b.write('R');
        b.write('u');
        b.write('.');
        return b.toByteArray();
    }

    private static void global(ByteArrayOutputStream b, String module, String name) {
        b.write('c');
        b.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void str(ByteArrayOutputStream b, String s) {
        byte[] u = s.getBytes(StandardCharsets.UTF_8);
        b.write('X');
        for (int i = 0; i < 4; i++) b.write(u.length >>> (8 * i));
        b.writeBytes(u);
    }

    private static void integer(ByteArrayOutputStream b, long v) {
        b.write(0x8a);
        b.write(8);
        for (int i = 0; i < 8; i++) b.write((int) (v >>> (8 * i)));
    }

    private static void tuple(ByteArrayOutputStream b, long[] v) {
        b.write('(');
        for (long x : v) integer(b, x);
        b.write('t');
    }
}
