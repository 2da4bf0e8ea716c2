package uk.ac.manchester.tornado.api;

import java.util.ArrayList;
import java.util.List;
import uk.ac.manchester.tornado.api.common.TornadoFunctions;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.exceptions.TornadoAPIException;

/**
 * Kernels and the data movement around them, in program order. Part of trm4j's TornadoVM bridge, not TornadoVM: it builds
 * an {@link org.trm4j.api.TaskGraph}.
 */
public class TaskGraph {
    private final org.trm4j.api.TaskGraph graph;

    public TaskGraph(String name) { graph = new org.trm4j.api.TaskGraph(name); }

    /** The graph's name. */
    public String getTaskGraphName() { return graph.getTaskGraphName(); }

    /** Copies {@code objects} to the device before the tasks that follow, as {@code mode} says. */
    public TaskGraph transferToDevice(int mode, Object... objects) {
        graph.transferToDevice(DataTransferMode.toTrm4j(mode), checked("transferToDevice", objects));
        return this;
    }

    /** Copies {@code objects} back to the host after the tasks before, as {@code mode} says. */
    public TaskGraph transferToHost(int mode, Object... objects) {
        graph.transferToHost(DataTransferMode.toTrm4j(mode), checked("transferToHost", objects));
        return this;
    }

    /** Keeps {@code objects} on the device after the plan, for another plan's {@link #consumeFromDevice}; no copy to the host. */
    public TaskGraph persistOnDevice(Object... objects) {
        graph.persistOnDevice(checked("persistOnDevice", objects));
        return this;
    }

    /** Uses arrays another plan persisted on the same device, without copying them in. */
    public TaskGraph consumeFromDevice(Object... objects) {
        graph.consumeFromDevice(checked("consumeFromDevice", objects));
        return this;
    }

    /** Like {@link #consumeFromDevice(Object...)}; the producing graph's name is not needed here. */
    public TaskGraph consumeFromDevice(String uniqueTaskGraphName, Object... objects) { return consumeFromDevice(objects); }

    /** Freezes the graph; later changes to this builder do not affect the snapshot. */
    public ImmutableTaskGraph snapshot() { return new ImmutableTaskGraph(graph.snapshot()); }

    private Object[] checked(String what, Object[] objects) {
        List<Object> out = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof org.trm4j.api.NativeArray || org.trm4j.runtime.HeapArrays.mirror(o) != null) out.add(o);
            else throw new TornadoAPIException(what + " in task graph " + getTaskGraphName() + ": "
                    + (o == null ? "null" : o.getClass().getName()) + " is not supported by trm4j's TornadoVM bridge"
                    + " (FloatArray, IntArray, DoubleArray, LongArray, ByteArray, HalfFloatArray, the Matrix2D and Vector collections"
                    + " and float[], int[], double[], long[], byte[] are)");
        }
        return out.toArray();
    }

    public TaskGraph task(String id, TornadoFunctions.Task code) { graph.task(id, (org.trm4j.api.Tasks.Task0) code); return this; }
    public <T1> TaskGraph task(String id, TornadoFunctions.Task1<T1> code, T1 arg1) { graph.task(id, (org.trm4j.api.Tasks.Task1<T1>) code, arg1); return this; }
    public <T1, T2> TaskGraph task(String id, TornadoFunctions.Task2<T1, T2> code, T1 arg1, T2 arg2) { graph.task(id, (org.trm4j.api.Tasks.Task2<T1, T2>) code, arg1, arg2); return this; }
    public <T1, T2, T3> TaskGraph task(String id, TornadoFunctions.Task3<T1, T2, T3> code, T1 arg1, T2 arg2, T3 arg3) { graph.task(id, (org.trm4j.api.Tasks.Task3<T1, T2, T3>) code, arg1, arg2, arg3); return this; }
    public <T1, T2, T3, T4> TaskGraph task(String id, TornadoFunctions.Task4<T1, T2, T3, T4> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4) { graph.task(id, (org.trm4j.api.Tasks.Task4<T1, T2, T3, T4>) code, arg1, arg2, arg3, arg4); return this; }
    public <T1, T2, T3, T4, T5> TaskGraph task(String id, TornadoFunctions.Task5<T1, T2, T3, T4, T5> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5) { graph.task(id, (org.trm4j.api.Tasks.Task5<T1, T2, T3, T4, T5>) code, arg1, arg2, arg3, arg4, arg5); return this; }
    public <T1, T2, T3, T4, T5, T6> TaskGraph task(String id, TornadoFunctions.Task6<T1, T2, T3, T4, T5, T6> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6) { graph.task(id, (org.trm4j.api.Tasks.Task6<T1, T2, T3, T4, T5, T6>) code, arg1, arg2, arg3, arg4, arg5, arg6); return this; }
    public <T1, T2, T3, T4, T5, T6, T7> TaskGraph task(String id, TornadoFunctions.Task7<T1, T2, T3, T4, T5, T6, T7> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7) { graph.task(id, (org.trm4j.api.Tasks.Task7<T1, T2, T3, T4, T5, T6, T7>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8> TaskGraph task(String id, TornadoFunctions.Task8<T1, T2, T3, T4, T5, T6, T7, T8> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8) { graph.task(id, (org.trm4j.api.Tasks.Task8<T1, T2, T3, T4, T5, T6, T7, T8>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9> TaskGraph task(String id, TornadoFunctions.Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9) { graph.task(id, (org.trm4j.api.Tasks.Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> TaskGraph task(String id, TornadoFunctions.Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10) { graph.task(id, (org.trm4j.api.Tasks.Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> TaskGraph task(String id, TornadoFunctions.Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11) { graph.task(id, (org.trm4j.api.Tasks.Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> TaskGraph task(String id, TornadoFunctions.Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12) { graph.task(id, (org.trm4j.api.Tasks.Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> TaskGraph task(String id, TornadoFunctions.Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12, T13 arg13) { graph.task(id, (org.trm4j.api.Tasks.Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> TaskGraph task(String id, TornadoFunctions.Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12, T13 arg13, T14 arg14) { graph.task(id, (org.trm4j.api.Tasks.Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13, arg14); return this; }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> TaskGraph task(String id, TornadoFunctions.Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> code, T1 arg1, T2 arg2, T3 arg3, T4 arg4, T5 arg5, T6 arg6, T7 arg7, T8 arg8, T9 arg9, T10 arg10, T11 arg11, T12 arg12, T13 arg13, T14 arg14, T15 arg15) { graph.task(id, (org.trm4j.api.Tasks.Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15>) code, arg1, arg2, arg3, arg4, arg5, arg6, arg7, arg8, arg9, arg10, arg11, arg12, arg13, arg14, arg15); return this; }
}
