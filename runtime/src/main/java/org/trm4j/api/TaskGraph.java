package org.trm4j.api;

import org.trm4j.runtime.HeapArrays;
import org.trm4j.runtime.TaskMethods;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A graph of kernels and the data movement around them, built in program order (TornadoVM's TaskGraph):
 * <pre>{@code
 * TaskGraph g = new TaskGraph("s0")
 *     .transferToDevice(DataTransferMode.FIRST_EXECUTION, a, b)
 *     .task("t0", Kernels::add, a, b, c)
 *     .transferToHost(DataTransferMode.EVERY_EXECUTION, c);
 * }</pre>
 * Freeze it with {@link #snapshot()} and run it with an {@link ExecutionPlan}.
 */
public final class TaskGraph {

    /** One step of the graph, in program order. */
    public sealed interface Step permits Transfer, Task, Persist, Consume {}

    /** A copy of arrays host->device ({@code toDevice}) or device->host. */
    public record Transfer(boolean toDevice, DataTransferMode mode, List<NativeArray> arrays) implements Step {}

    /** Arrays whose device buffers stay on the device after the plan, for another plan to consume. */
    public record Persist(List<NativeArray> arrays) implements Step {}

    /** Arrays another plan persisted on the device: used there, not copied in. */
    public record Consume(List<NativeArray> arrays) implements Step {}

    /** A kernel launch: the Java method and its arguments as given. */
    public record Task(String id, Method method, List<Object> args) implements Step {}

    private final String name;
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> taskIds = new HashSet<>();
    private boolean relaxedMath;

    public TaskGraph(String name) {
        if (name == null || name.isBlank() || name.contains("."))
            throw new IllegalArgumentException("task graph name must be non-empty and contain no '.', got \"" + name + "\"");
        this.name = name;
    }

    public String getTaskGraphName() { return name; }

    public TaskGraph transferToDevice(DataTransferMode mode, Object... objects) {
        steps.add(new Transfer(true, mode, arrays("transferToDevice", objects)));
        return this;
    }

    public TaskGraph transferToHost(DataTransferMode mode, Object... objects) {
        steps.add(new Transfer(false, mode, arrays("transferToHost", objects)));
        return this;
    }

    /**
     * Lets this graph's kernels contract {@code a * b + c} into a fused multiply-add on devices that compile
     * (OpenCL, SPIR-V, PTX): one rounding instead of two, so results differ from Java's in the last bits, and a
     * matmul may run up to twice as fast. The {@code java} device runs the bytecode as written either way. Off
     * by default; {@link ExecutionPlan#withRelaxedMath()} turns it on for every graph of a plan.
     */
    public TaskGraph withRelaxedMath() { relaxedMath = true; return this; }

    /**
     * Keeps these arrays' device buffers after the plan is closed, for a plan on the same device that consumes them
     * (TornadoVM's persistOnDevice); they are not copied back to the host. The last of the producing and consuming
     * plans to close frees them; a persisted array that no plan consumes stays on the device until it closes.
     */
    public TaskGraph persistOnDevice(Object... objects) {
        steps.add(new Persist(arrays("persistOnDevice", objects)));
        return this;
    }

    /**
     * Uses the device buffers another plan persisted (TornadoVM's consumeFromDevice): no copy in. On a device where
     * no plan persisted them, the execution fails naming the array.
     */
    public TaskGraph consumeFromDevice(Object... objects) {
        steps.add(new Consume(arrays("consumeFromDevice", objects)));
        return this;
    }

    /** Freezes the graph; later changes to this builder do not affect the snapshot. */
    public ImmutableTaskGraph snapshot() {
        if (steps.stream().noneMatch(s -> s instanceof Task))
            throw new IllegalStateException("task graph " + name + " has no task");
        return new ImmutableTaskGraph(name, List.copyOf(steps), relaxedMath);
    }

    private TaskGraph addTask(String id, Tasks.TaskFunction code, Object[] args) {
        if (id == null || id.isBlank() || id.contains("."))
            throw new IllegalArgumentException("task id must be non-empty and contain no '.', got \"" + id + "\"");
        if (!taskIds.add(id)) throw new IllegalArgumentException("task graph " + name + " already has a task \"" + id + "\"");
        Method m = TaskMethods.resolve(code);
        for (int i = 0; i < args.length; i++)
            if (args[i] == null) throw new IllegalArgumentException("task " + name + "." + id + ": argument " + i + " is null");
        steps.add(new Task(id, m, java.util.Arrays.asList(args.clone())));
        return this;
    }

    private List<NativeArray> arrays(String what, Object[] objects) {
        List<NativeArray> out = new ArrayList<>();
        for (Object o : objects) {
            if (o instanceof NativeArray a) out.add(a);
            else if (HeapArrays.mirror(o) != null) out.add(HeapArrays.mirror(o));
            else throw new IllegalArgumentException(what + " in graph " + name + ": only trm4j's arrays (FloatArray, IntArray, HalfArray...)"
                    + " and float[]/int[]/double[]/long[]/short[]/char[]/byte[] can be transferred, got "
                    + (o == null ? "null" : o.getClass().getName()));
        }
        return out;
    }

    public TaskGraph task(String id, Tasks.Task0 code) { return addTask(id, code, new Object[]{}); }
    public <T1> TaskGraph task(String id, Tasks.Task1<T1> code, T1 a1) { return addTask(id, code, new Object[]{a1}); }
    public <T1, T2> TaskGraph task(String id, Tasks.Task2<T1, T2> code, T1 a1, T2 a2) { return addTask(id, code, new Object[]{a1, a2}); }
    public <T1, T2, T3> TaskGraph task(String id, Tasks.Task3<T1, T2, T3> code, T1 a1, T2 a2, T3 a3) { return addTask(id, code, new Object[]{a1, a2, a3}); }
    public <T1, T2, T3, T4> TaskGraph task(String id, Tasks.Task4<T1, T2, T3, T4> code, T1 a1, T2 a2, T3 a3, T4 a4) { return addTask(id, code, new Object[]{a1, a2, a3, a4}); }
    public <T1, T2, T3, T4, T5> TaskGraph task(String id, Tasks.Task5<T1, T2, T3, T4, T5> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5}); }
    public <T1, T2, T3, T4, T5, T6> TaskGraph task(String id, Tasks.Task6<T1, T2, T3, T4, T5, T6> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6}); }
    public <T1, T2, T3, T4, T5, T6, T7> TaskGraph task(String id, Tasks.Task7<T1, T2, T3, T4, T5, T6, T7> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8> TaskGraph task(String id, Tasks.Task8<T1, T2, T3, T4, T5, T6, T7, T8> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9> TaskGraph task(String id, Tasks.Task9<T1, T2, T3, T4, T5, T6, T7, T8, T9> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> TaskGraph task(String id, Tasks.Task10<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> TaskGraph task(String id, Tasks.Task11<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> TaskGraph task(String id, Tasks.Task12<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> TaskGraph task(String id, Tasks.Task13<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> TaskGraph task(String id, Tasks.Task14<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14}); }
    public <T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> TaskGraph task(String id, Tasks.Task15<T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15> code, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5, T6 a6, T7 a7, T8 a8, T9 a9, T10 a10, T11 a11, T12 a12, T13 a13, T14 a14, T15 a15) { return addTask(id, code, new Object[]{a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14, a15}); }
}
