package org.trm4j.model;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trm4j.api.FloatArray;

class SafetensorsTest {
    @TempDir Path dir;

    @Test void roundTripIsBitExact() throws IOException {
        float[] special = {0f, -0f, 1f, -1.5f, Float.MIN_VALUE, -Float.MIN_NORMAL / 3, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00001), Float.intBitsToFloat(0xffa12345), 3.1415927f};
        float[] big = new float[300_000];   // more than one 1 MiB write chunk
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < big.length; i++) big[i] = Float.intBitsToFloat(r.nextInt());
        Map<String, Safetensors.Tensor> t = new LinkedHashMap<>();
        t.put("special", new Safetensors.Tensor(new int[] {3, 4}, FloatArray.fromArray(special)));
        t.put("big", new Safetensors.Tensor(new int[] {300_000}, FloatArray.fromArray(big)));
        t.put("scalar", new Safetensors.Tensor(new int[] {}, FloatArray.fromElements(7f)));
        t.put("empty", new Safetensors.Tensor(new int[] {0, 5}, new FloatArray(0)));
        Path f = dir.resolve("x.safetensors");
        Safetensors.write(f, t, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(f);
        long headerLen = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8, "header padded to 8");
        assertEquals(bytes.length, 8 + headerLen + 4L * (12 + 300_000 + 1));
        try (Safetensors.Reader rd = Safetensors.open(f)) {
            assertEquals(java.util.List.of("special", "big", "scalar", "empty"), java.util.List.copyOf(rd.entries().keySet()));
            assertEquals(Map.of("k", "v"), rd.metadata());
            assertArrayEquals(new long[] {3, 4}, rd.entry("special").shape());
            assertEquals(Safetensors.DType.F32, rd.entry("special").dtype());
            assertBits(special, rd.readFloat("special").toHeapArray());
            assertBits(big, rd.readFloat("big").toHeapArray());
            assertBits(new float[] {7f}, rd.readFloat("scalar").toHeapArray());
            assertEquals(0, rd.readFloat("empty").getSize());
        }
        try (var files = Files.list(dir)) { assertEquals(1, files.count(), "no temp file left"); }
    }

    private static void assertBits(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        for (int i = 0; i < a.length; i++) assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "element " + i);
    }

    /** A file built byte by byte: exact layout, little-endian, and the BF16/F16/F64 conversions. */
    @Test void readsAFileWrittenByHand() throws IOException {
        String json = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"h\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[16,22]},"
                + "\"g\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[22,26]},"
                + "\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[26,34]}}  ";
        ByteBuffer data = ByteBuffer.allocate(34).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1f).putFloat(-2f).putFloat(0.5f).putFloat(1e-3f);
        data.putShort((short) 0x3F80).putShort((short) 0xC040).putShort((short) 0x4049);   // bf16 1, -3, 3.140625
        data.putShort((short) 0x3C00).putShort((short) 0xC500);                           // f16 1, -5
        data.putDouble(0.1);
        Path f = write(json, data.array());
        try (Safetensors.Reader r = Safetensors.open(f)) {
            assertEquals(Map.of("format", "pt"), r.metadata());
            assertArrayEquals(new float[] {1f, -2f, 0.5f, 1e-3f}, r.readFloat("w").toHeapArray());
            assertArrayEquals(new float[] {1f, -3f, 3.140625f}, r.readFloat("h").toHeapArray());
            assertArrayEquals(new float[] {1f, -5f}, r.readFloat("g").toHeapArray());
            assertArrayEquals(new float[] {0.1f}, r.readFloat("d").toHeapArray());
            assertEquals(Safetensors.DType.BF16, r.entry("h").dtype());
        }
    }

    private Path write(String json, byte[] data) throws IOException {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        Path f = Files.createTempFile(dir, "hand", ".safetensors");
        Files.write(f, out.toByteArray());
        return f;
    }

    private void assertBad(Path f, String... parts) {
        IOException e = assertThrows(IOException.class, () -> { try (var r = Safetensors.open(f)) { r.readFloat("w"); } });
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' not in: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    private static final String GOOD = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";

    @Test void corruptFilesGiveClearMessages() throws IOException {
        Path tiny = Files.write(dir.resolve("tiny"), new byte[] {1, 2, 3});
        assertBad(tiny, "truncated file: 3 bytes, less than the 8-byte header length");

        byte[] full = Files.readAllBytes(write(GOOD, new byte[8]));
        Path cutHeader = Files.write(dir.resolve("cut-header"), Arrays.copyOf(full, 20));
        assertBad(cutHeader, "truncated header: it declares " + GOOD.length() + " bytes of JSON but only 12 bytes follow");

        Path cutData = Files.write(dir.resolve("cut-data"), Arrays.copyOf(full, full.length - 3));
        assertBad(cutData, "tensor w: data_offsets [0, 8] run past the end of the data section (5 bytes): file truncated?");

        assertBad(write("{\"w\":{\"dtype\":\"F32\",", new byte[8]), "header is not valid JSON");
        assertBad(write("[1, 2]", new byte[8]), "header is not a JSON object");
        assertBad(write(GOOD.replace("F32", "Q7"), new byte[8]), "tensor w: unknown dtype Q7");
        assertBad(write(GOOD.replace("[2]", "[3]"), new byte[12]), "tensor w: F32 [3] needs 12 bytes but data_offsets [0, 8] hold 8");
        assertBad(write(GOOD.replace("[0,8]", "[8,0]"), new byte[8]), "tensor w: data_offsets [8, 0] are not a valid range");
        assertBad(write(GOOD.replace("\"shape\":[2],", ""), new byte[8]), "tensor w: missing or non-array \"shape\"");
        assertBad(write(GOOD.replace("[2]", "[-2]"), new byte[8]), "tensor w: shape [-2] must hold non-negative integers");
        assertBad(write(GOOD.replace(",\"data_offsets\":[0,8]", ""), new byte[8]), "tensor w: \"data_offsets\" must be [begin, end]");
        assertBad(write("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
                new byte[8]), "data_offsets overlap");
        assertBad(write("{\"w\":1,\"w\":2}", new byte[8]), "header is not valid JSON", "Duplicate field 'w'");
        assertBad(write(GOOD.replace("F32", "I32"), new byte[8]), "tensor w: dtype I32 cannot be read as float");
        byte[] huge = Arrays.copyOf(full, full.length);
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE);
        assertBad(Files.write(dir.resolve("huge"), huge), "is not plausible");
    }

    @Test void writeReplacesAnExistingFileAtomically() throws IOException {
        Path f = dir.resolve("sub/m.safetensors");
        Safetensors.write(f, Map.of("a", new Safetensors.Tensor(new int[] {1}, FloatArray.fromElements(1f))), Map.of());
        Safetensors.write(f, Map.of("a", new Safetensors.Tensor(new int[] {1}, FloatArray.fromElements(2f))), Map.of());
        try (var r = Safetensors.open(f)) { assertEquals(2f, r.readFloat("a").get(0)); }
        try (var files = Files.list(f.getParent())) { assertEquals(1, files.count()); }
    }
}
