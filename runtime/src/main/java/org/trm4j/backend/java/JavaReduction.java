package org.trm4j.backend.java;

import org.trm4j.api.DoubleArray;
import org.trm4j.api.FloatArray;
import org.trm4j.api.IntArray;
import org.trm4j.api.LongArray;
import org.trm4j.jit.lower.ReductionLowering;

import java.lang.reflect.Array;

/**
 * A @Reduce loop split over threads on the JVM: each part accumulates into its own copy of the @Reduce array,
 * whose element starts at the operator's identity; the parts are then folded into the caller's element in
 * part order. The shape comes from {@link ReductionLowering#describe}, so only one element is read and written.
 */
final class JavaReduction {
    private final ReductionLowering.Reduction r;

    JavaReduction(ReductionLowering.Reduction r) { this.r = r; }

    int javaIndex() { return r.javaIndex(); }

    /** A private copy of the @Reduce argument {@code a} (same class), its element set to the identity. */
    Object privateCopy(Object a) {
        Object copy;
        try {
            copy = a.getClass().isArray() ? Array.newInstance(a.getClass().getComponentType(), Array.getLength(a))
                    : a.getClass().getConstructor(int.class).newInstance(((org.trm4j.api.NativeArray) a).getSize());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("java backend: cannot copy the @Reduce argument " + a.getClass().getName(), e);
        }
        set(copy, identity());
        return copy;
    }

    /** Folds the parts' elements into {@code target}'s, in order. */
    void fold(Object target, Object[] parts) {
        Object v = get(target);
        for (Object p : parts) v = combine(v, get(p));
        set(target, v);
    }

    private Object identity() {
        return switch (r.kind()) {
            case ADD -> number(0, 0L, 0f, 0d);
            case MUL -> number(1, 1L, 1f, 1d);
            case MIN -> number(Integer.MAX_VALUE, Long.MAX_VALUE, Float.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
            case MAX -> number(Integer.MIN_VALUE, Long.MIN_VALUE, Float.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY);
        };
    }

    private Object number(int i, long l, float f, double d) {
        return switch (r.type()) {
            case INT -> i;
            case LONG -> l;
            case FLOAT -> f;
            case DOUBLE -> d;
            default -> throw new IllegalStateException("no reduction on " + r.type());
        };
    }

    private Object combine(Object a, Object b) {
        return switch (a) {
            case Integer x -> { int y = (Integer) b; yield switch (r.kind()) { case ADD -> x + y; case MUL -> x * y; case MIN -> Math.min(x, y); case MAX -> Math.max(x, y); }; }
            case Long x -> { long y = (Long) b; yield switch (r.kind()) { case ADD -> x + y; case MUL -> x * y; case MIN -> Math.min(x, y); case MAX -> Math.max(x, y); }; }
            case Float x -> { float y = (Float) b; yield switch (r.kind()) { case ADD -> x + y; case MUL -> x * y; case MIN -> Math.min(x, y); case MAX -> Math.max(x, y); }; }
            case Double x -> { double y = (Double) b; yield switch (r.kind()) { case ADD -> x + y; case MUL -> x * y; case MIN -> Math.min(x, y); case MAX -> Math.max(x, y); }; }
            default -> throw new IllegalStateException("no reduction on " + a.getClass());
        };
    }

    private Object get(Object a) {
        int i = r.element();
        return switch (a) {
            case FloatArray f -> f.get(i);
            case IntArray n -> n.get(i);
            case DoubleArray d -> d.get(i);
            case LongArray l -> l.get(i);
            default -> Array.get(a, i);
        };
    }

    private void set(Object a, Object v) {
        int i = r.element();
        switch (a) {
            case FloatArray f -> f.set(i, (Float) v);
            case IntArray n -> n.set(i, (Integer) v);
            case DoubleArray d -> d.set(i, (Double) v);
            case LongArray l -> l.set(i, (Long) v);
            default -> Array.set(a, i, v);
        }
    }
}
