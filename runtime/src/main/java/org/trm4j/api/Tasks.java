package org.trm4j.api;

import java.io.Serializable;

/**
 * Method-reference shapes accepted by {@link TaskGraph#task}: a static method taking N arguments.
 * They are Serializable so that the runtime can recover which method a reference names
 * (via its SerializedLambda) and JIT-compile that method's bytecode.
 */
public final class Tasks {
    private Tasks() {}

    /** Marker of every task shape. */
    public interface TaskFunction extends Serializable {}

    @FunctionalInterface public interface Task0 extends TaskFunction { void apply(); }
    @FunctionalInterface public interface Task1<T1> extends TaskFunction { void apply(T1 a1); }
    @FunctionalInterface public interface Task2<T1, T2> extends TaskFunction { void apply(T1 a1, T2 a2); }
    @FunctionalInterface public interface Task3<T1, T2, T3> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3); }
    @FunctionalInterface public interface Task4<T1, T2, T3, T4> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4); }
    @FunctionalInterface public interface Task5<T1, T2, T3, T4, T5> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5); }
    @FunctionalInterface public interface Task6<T1, T2, T3, T4, T5, T6> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6); }
    @FunctionalInterface public interface Task7<T1, T2, T3, T4, T5, T6, T7> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7); }
    @FunctionalInterface public interface Task8<T1, T2, T3, T4, T5, T6, T7, T8> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8); }
    @FunctionalInterface public interface Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9); }
    @FunctionalInterface public interface Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10); }
    @FunctionalInterface public interface Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11); }
    @FunctionalInterface public interface Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12); }
    @FunctionalInterface public interface Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13); }
    @FunctionalInterface public interface Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14); }
    @FunctionalInterface public interface Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> extends TaskFunction { void apply(T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15); }
}
