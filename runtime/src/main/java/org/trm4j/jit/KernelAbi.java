package org.trm4j.jit;

import org.trm4j.api.NativeArray;
import org.trm4j.jit.ir.Kernel;
import org.trm4j.jit.ir.Param;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * How a kernel's parameters travel in a launch, the one description every renderer declares and
 * every backend fills: for each array parameter its buffer (a 64-bit device address) and right after
 * it a hidden 32-bit element count (what {@code getSize()} reads); for each scalar its value at the
 * width of its IR type. The order is that of {@link Kernel#params}.
 */
public final class KernelAbi {
    private KernelAbi() {}

    /** One entry of the launch's argument list; {@code index} is the parameter's position in {@link Kernel#params}. */
    public sealed interface Slot {
        int index();
    }

    /** The device address of an array parameter's buffer. */
    public record Buffer(int index, Param.Array param) implements Slot {}

    /** The hidden element count of the array parameter just before it (a 32-bit int). */
    public record Length(int index, Param.Array param) implements Slot {}

    /** A scalar parameter's value. */
    public record Scalar(int index, Param.Scalar param) implements Slot {}

    /** The launch arguments of {@code k}, in order. */
    public static List<Slot> slots(Kernel k) {
        List<Slot> out = new ArrayList<>();
        for (int i = 0; i < k.params.size(); i++) {
            switch (k.params.get(i)) {
                case Param.Array a -> {
                    out.add(new Buffer(i, a));
                    out.add(new Length(i, a));
                }
                case Param.Scalar s -> out.add(new Scalar(i, s));
            }
        }
        return out;
    }

    /**
     * The bytes of {@code slot}'s argument in {@code arena}.
     *
     * @param value         the parameter's value: KernelArguments' checked array or canonical scalar box
     * @param deviceAddress the device address of an array's buffer (allocated by the caller)
     */
    public static MemorySegment encode(Arena arena, Slot slot, Object value, ToLongFunction<NativeArray> deviceAddress) {
        return switch (slot) {
            case Buffer b -> arena.allocateFrom(JAVA_LONG, deviceAddress.applyAsLong((NativeArray) value));
            case Length l -> arena.allocateFrom(JAVA_INT, ((NativeArray) value).getSize());
            case Scalar s -> switch (value) {
                case Integer x -> arena.allocateFrom(JAVA_INT, x);
                case Long x -> arena.allocateFrom(JAVA_LONG, x);
                case Float x -> arena.allocateFrom(JAVA_FLOAT, x);
                case Double x -> arena.allocateFrom(JAVA_DOUBLE, x);
                default -> throw new IllegalArgumentException("scalar parameter " + s.param().name() + " cannot take " + value);
            };
        };
    }
}
