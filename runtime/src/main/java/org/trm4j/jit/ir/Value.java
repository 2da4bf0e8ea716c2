package org.trm4j.jit.ir;

/** An operand: a virtual register or a constant. */
public sealed interface Value permits Value.Reg, Value.Const {
    Type type();

    /**
     * A mutable, typed virtual register (not SSA: a register may be assigned on several paths,
     * which is how values left on the operand stack at a branch merge, e.g. the ternary, are carried).
     */
    record Reg(int id, Type type, String name) implements Value {
        @Override public String toString() { return name == null ? "r" + id : name + "_" + id; }
    }

    /** A constant; {@code value} is a Boolean, Integer, Long, Float or Double matching {@code type}. */
    record Const(Type type, Object value) implements Value {
        public static Const i32(int v) { return new Const(Type.INT, v); }
        public static Const i64(long v) { return new Const(Type.LONG, v); }
        public static Const f32(float v) { return new Const(Type.FLOAT, v); }
        public static Const f64(double v) { return new Const(Type.DOUBLE, v); }
        public static Const bool(boolean v) { return new Const(Type.BOOL, v); }
        @Override public String toString() { return String.valueOf(value); }
    }
}
