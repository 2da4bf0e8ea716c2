package org.trm4j.infer.torch;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A restricted unpickler for PyTorch state dicts: it knows only the opcodes a {@code torch.save} of a state dict
 * uses (protocols 2 to 5) and builds only the few objects such a file describes: dicts, lists, tuples, strings,
 * numbers, booleans, None, and the calls listed in {@link Global}. Everything else (an unknown opcode, a global
 * that is not on the list, a call of anything but an allowed global) stops the read with an {@link IOException}
 * naming what was found and where. It runs no code and never allocates a size the file declares before checking
 * that many bytes are there.
 */
final class PickleMachine {
    /** The only callables a state dict needs. */
    enum Global {
        ORDERED_DICT("collections", "OrderedDict"),
        REBUILD_TENSOR_V2("torch._utils", "_rebuild_tensor_v2"),
        REBUILD_PARAMETER("torch._utils", "_rebuild_parameter"),
        FLOAT_STORAGE("torch", "FloatStorage"),
        BFLOAT16_STORAGE("torch", "BFloat16Storage"),
        HALF_STORAGE("torch", "HalfStorage");

        final String module, name;

        Global(String module, String name) { this.module = module; this.name = name; }

        static Global find(String module, String name) {
            for (Global g : values()) if (g.module.equals(module) && g.name.equals(name)) return g;
            return null;
        }
    }

    /** The persistent id of a storage: ('storage', storage class, key, location, numel). */
    record StorageRef(Global type, String key, long numel) {}

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)} as read (checked later against the storage). */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {}

    /** What a REDUCE of a global produced before it is known what it becomes. */
    private record Call(Global g, List<Object> args) {}

    private static final Object MARK = new Object();
    private static final Object NONE = new Object();

    private final byte[] b;
    private int pos;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleMachine(byte[] bytes) { this.b = bytes; }

    /** Runs {@code pickle} and returns the object at STOP. */
    static Object load(byte[] pickle) throws IOException {
        return new PickleMachine(pickle).run();
    }

    private Object run() throws IOException {
        while (true) {
            if (pos >= b.length) throw error("the pickle ends without STOP");
            int at = pos;
            int op = b[pos++] & 0xff;
            switch (op) {
                case 0x80 -> { int proto = u8(); if (proto < 2 || proto > 5) throw errorAt(at, "pickle protocol " + proto + " is not supported (2 to 5)"); }
                case 0x95 -> skip(8);                                 // FRAME: a length hint only
                case '.' -> { // STOP
                    if (stack.size() != 1) throw errorAt(at, "STOP with " + stack.size() + " objects on the stack");
                    return unwrap(stack.get(0));
                }
                case '(' -> { marks.add(stack.size()); stack.add(MARK); }
                case ')' -> push(List.of());
                case ']' -> push(new ArrayList<>());
                case '}' -> push(new LinkedHashMap<>());
                case 'N' -> push(NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8());
                case 'M' -> push((long) (u8() | u8() << 8));
                case 'J' -> push((long) s32());
                case 0x8a -> push(long1(at));
                case 'G' -> { need(8); long v = 0; for (int i = 0; i < 8; i++) v = v << 8 | (b[pos++] & 0xff); push(Double.longBitsToDouble(v)); }
                case 'X' -> push(utf8(s32len(at), at));
                case 0x8c -> push(utf8(u8(), at));
                case 'T' -> push(latin1(s32len(at)));                 // BINSTRING
                case 'U' -> push(latin1(u8()));                       // SHORT_BINSTRING
                case 'c' -> {
                    String module = line(at), name = line(at);
                    Global g = Global.find(module, name);
                    if (g == null) throw errorAt(at, "global " + module + "." + name + " is not allowed (a state dict needs only "
                            + "collections.OrderedDict, torch._utils._rebuild_tensor_v2/_rebuild_parameter and torch.Float/BFloat16/HalfStorage)");
                    push(g);
                }
                case 0x93 -> throw errorAt(at, "STACK_GLOBAL is not allowed (a torch state dict uses GLOBAL)");
                case 'q' -> memo.put((long) u8(), top(at));
                case 'r' -> memo.put((long) s32len(at), top(at));
                case 0x94 -> memo.put((long) memo.size(), top(at));  // MEMOIZE
                case 'h' -> push(memoGet(u8(), at));
                case 'j' -> push(memoGet(s32len(at), at));
                case 't' -> push(List.copyOf(popMark(at)));
                case 0x85 -> push(List.of(pop(at)));
                case 0x86 -> { Object y = pop(at), x = pop(at); push(List.of(x, y)); }
                case 0x87 -> { Object z = pop(at), y = pop(at), x = pop(at); push(List.of(x, y, z)); }
                case 'a' -> { Object v = pop(at); list(top(at), at).add(v); }
                case 'e' -> { List<Object> items = popMark(at); list(top(at), at).addAll(items); }
                case 's' -> { Object v = pop(at), k = pop(at); dict(top(at), at).put(key(k, at), v); }
                case 'u' -> {
                    List<Object> items = popMark(at);
                    if (items.size() % 2 != 0) throw errorAt(at, "SETITEMS with an odd number of items");
                    Map<Object, Object> d = dict(top(at), at);
                    for (int i = 0; i < items.size(); i += 2) d.put(key(items.get(i), at), items.get(i + 1));
                }
                case 'Q' -> push(persistentId(pop(at), at));
                case 'R' -> { Object args = pop(at), f = pop(at); push(reduce(f, args, at)); }
                case 'b' -> { // BUILD: only the attribute dict of an OrderedDict (a state dict's _metadata), dropped
                    Object state = pop(at);
                    if (!(top(at) instanceof Map<?, ?>)) throw errorAt(at, "BUILD on something other than a dict");
                    if (!(state instanceof Map<?, ?>) && state != NONE) throw errorAt(at, "BUILD with a state that is not a dict");
                }
                default -> throw errorAt(at, String.format("opcode 0x%02x (%s) is not allowed in a state dict",
                        op, op >= 0x20 && op < 0x7f ? "'" + (char) op + "'" : "binary"));
            }
        }
    }

    private Object reduce(Object f, Object args, int at) throws IOException {
        if (!(f instanceof Global g)) throw errorAt(at, "REDUCE of something that is not an allowed global");
        List<Object> a = tuple(args, at);
        return switch (g) {
            case ORDERED_DICT -> {
                if (!a.isEmpty()) throw errorAt(at, "OrderedDict called with arguments");
                yield new LinkedHashMap<>();
            }
            case REBUILD_TENSOR_V2 -> {
                if (a.size() < 4) throw errorAt(at, "_rebuild_tensor_v2 with " + a.size() + " arguments, at least 4 expected");
                if (!(a.get(0) instanceof StorageRef s)) throw errorAt(at, "_rebuild_tensor_v2's first argument is not a storage");
                yield new TensorRef(s, integer(a.get(1), at), longs(a.get(2), at), longs(a.get(3), at));
            }
            case REBUILD_PARAMETER -> {
                if (a.isEmpty() || !(a.get(0) instanceof TensorRef t)) throw errorAt(at, "_rebuild_parameter without a tensor");
                yield t;
            }
            default -> throw errorAt(at, g.module + "." + g.name + " cannot be called");
        };
    }

    private StorageRef persistentId(Object pid, int at) throws IOException {
        List<Object> t = tuple(pid, at);
        if (t.size() != 5 || !"storage".equals(t.get(0)))
            throw errorAt(at, "persistent id is not ('storage', type, key, location, numel)");
        if (!(t.get(1) instanceof Global g) || !g.name.endsWith("Storage"))
            throw errorAt(at, "storage type is not one of torch.FloatStorage, BFloat16Storage, HalfStorage");
        if (!(t.get(2) instanceof String key)) throw errorAt(at, "storage key is not a string");
        long numel = integer(t.get(4), at);
        if (numel < 0) throw errorAt(at, "storage " + key + " declares a negative size " + numel);
        return new StorageRef(g, key, numel);
    }

    // ------------------------------------------------------------------ small readers, all bounds-checked

    private IOException error(String msg) { return new IOException("data.pkl: " + msg); }

    private IOException errorAt(int at, String msg) { return new IOException("data.pkl at byte " + at + ": " + msg); }

    private void need(long n) throws IOException {
        if (n < 0 || n > b.length - pos) throw error("truncated: " + n + " bytes needed at byte " + pos + ", " + (b.length - pos) + " left");
    }

    private void skip(int n) throws IOException { need(n); pos += n; }

    private int u8() throws IOException { need(1); return b[pos++] & 0xff; }

    private int s32() throws IOException {
        need(4);
        int v = (b[pos] & 0xff) | (b[pos + 1] & 0xff) << 8 | (b[pos + 2] & 0xff) << 16 | (b[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    private int s32len(int at) throws IOException {
        int n = s32();
        if (n < 0) throw errorAt(at, "negative length " + n);
        return n;
    }

    private long long1(int at) throws IOException {
        int n = u8();
        if (n > 8) throw errorAt(at, "LONG1 of " + n + " bytes: integers beyond 64 bits are not allowed");
        need(n);
        long v = 0;
        for (int i = n - 1; i >= 0; i--) v = v << 8 | (b[pos + i] & 0xff);
        if (n > 0 && n < 8 && (b[pos + n - 1] & 0x80) != 0) v -= 1L << (8 * n);   // two's complement sign
        pos += n;
        return v;
    }

    private String utf8(int n, int at) throws IOException {
        need(n);
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, pos, n)).toString();
            pos += n;
            return s;
        } catch (CharacterCodingException e) {
            throw errorAt(at, "string is not valid UTF-8");
        }
    }

    private String latin1(int n) throws IOException {
        need(n);
        String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
    }

    private String line(int at) throws IOException {
        int end = pos;
        while (end < b.length && b[end] != '\n') if (end - pos > 200) throw errorAt(at, "GLOBAL name too long"); else end++;
        if (end >= b.length) throw errorAt(at, "GLOBAL name without a newline");
        String s = new String(b, pos, end - pos, StandardCharsets.US_ASCII);
        pos = end + 1;
        return s;
    }

    private void push(Object o) { stack.add(o); }

    private Object pop(int at) throws IOException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) throw errorAt(at, "stack underflow");
        return stack.remove(stack.size() - 1);
    }

    private Object top(int at) throws IOException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) throw errorAt(at, "stack underflow");
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark(int at) throws IOException {
        if (marks.isEmpty()) throw errorAt(at, "no MARK on the stack");
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object memoGet(long i, int at) throws IOException {
        Object o = memo.get(i);
        if (o == null) throw errorAt(at, "memo entry " + i + " was never stored");
        return o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o, int at) throws IOException {
        if (o instanceof ArrayList<?> l) return (List<Object>) l;
        throw errorAt(at, "APPEND to something that is not a list");
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o, int at) throws IOException {
        if (o instanceof LinkedHashMap<?, ?> m) return (Map<Object, Object>) m;
        throw errorAt(at, "SETITEM on something that is not a dict");
    }

    private static Object key(Object k, int at) { return k; }

    @SuppressWarnings("unchecked")
    private List<Object> tuple(Object o, int at) throws IOException {
        if (o instanceof List<?> l) return (List<Object>) l;
        throw errorAt(at, "a tuple was expected");
    }

    private long integer(Object o, int at) throws IOException {
        if (o instanceof Long l) return l;
        throw errorAt(at, "an integer was expected, found " + describe(o));
    }

    private long[] longs(Object o, int at) throws IOException {
        List<Object> l = tuple(o, at);
        long[] v = new long[l.size()];
        for (int i = 0; i < v.length; i++) v[i] = integer(l.get(i), at);
        return v;
    }

    private static String describe(Object o) {
        return o == NONE ? "None" : o == null ? "nothing" : o.getClass().getSimpleName();
    }

    private static Object unwrap(Object o) { return o == NONE ? null : o; }
}
